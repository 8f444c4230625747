/**
 * pdfkit 0.20 copies the document's Title, Author, Subject, Keywords, Creator and Producer
 * into the XMP metadata packet as they are (`<rdf:li>${this.info.Title}</rdf:li>`): a title
 * "Eau & assainissement" makes the packet invalid XML, and a crafted one adds properties of its
 * own (`</rdf:li></rdf:Alt></dc:title><pdfuaid:part>…`). The Info dictionary, written from the
 * same values, is escaped correctly (PDF strings).
 *
 * This escapes the values for the XMP packet only, while pdfkit writes it, and restores them:
 * `_addInfo` runs after the Info dictionary is written (PDFDocument.end). Installed once on
 * pdfkit's prototype, so every document coop makes gets it, whichever module creates it; an
 * engine may also call `escapeXmpInfo(doc)` on a document of its own.
 */
import PDFDocument from 'pdfkit';

/** Characters XML 1.0 does not allow at all (C0 but tab and line ends, U+FFFE/FFFF, lone surrogates). */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text for an XML element's content (where pdfkit puts these values). */
export function xmlText(value: unknown): string {
  return String(value).replace(NOT_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const FIELDS = ['Title', 'Author', 'Subject', 'Keywords', 'Creator', 'Producer'] as const;

interface WithInfo {
  info: Record<string, unknown>;
  _addInfo: () => void;
}

const PATCHED = Symbol.for('coop.xmpEscaped');

/** Make a document (or a prototype) write escaped values into its XMP packet. */
export function escapeXmpInfo(target: object): void {
  const t = target as WithInfo & { [PATCHED]?: boolean };
  if (t[PATCHED]) return;
  const original = t._addInfo;
  if (typeof original !== 'function') throw new Error('pdfkit has no _addInfo: check the XMP escaping against this pdfkit version');
  t._addInfo = function (this: WithInfo) {
    const saved = this.info;
    const escaped: Record<string, unknown> = { ...saved };
    for (const k of FIELDS) if (escaped[k] !== undefined && escaped[k] !== null) escaped[k] = xmlText(escaped[k]);
    this.info = escaped;
    try {
      original.call(this);
    } finally {
      this.info = saved;
    }
  };
  t[PATCHED] = true;
}

escapeXmpInfo(PDFDocument.prototype);

/** The XMP of a PDF/A document must declare the schemas it uses that PDF/A does not predefine: pdfuaid. */
const PDFUA_EXTENSION = `
        <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
            <pdfaExtension:schemas>
                <rdf:Bag>
                    <rdf:li rdf:parseType="Resource">
                        <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
                        <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
                        <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
                        <pdfaSchema:property>
                            <rdf:Seq>
                                <rdf:li rdf:parseType="Resource">
                                    <pdfaProperty:name>part</pdfaProperty:name>
                                    <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
                                    <pdfaProperty:category>internal</pdfaProperty:category>
                                    <pdfaProperty:description>Part of ISO 14289 the document conforms to</pdfaProperty:description>
                                </rdf:li>
                            </rdf:Seq>
                        </pdfaSchema:property>
                    </rdf:li>
                </rdf:Bag>
            </pdfaExtension:schemas>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
            <pdfuaid:part>1</pdfuaid:part>
        </rdf:Description>`;

/**
 * What pdfkit's one `subset` leaves out of a tagged document's XMP: the modification date the
 * Info dictionary has (PDF/A wants both to agree), and, for PDF/A-2a (pdfkit writes pdfaid),
 * the PDF/UA-1 identification with its extension schema. For PDF/UA alone pdfkit writes pdfuaid.
 */
export function identify(doc: PDFKit.PDFDocument, o: { pdfa: boolean; modified: Date }): void {
  doc.appendXML(`
        <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
            <xmp:ModifyDate>${o.modified.toISOString().split('.')[0]}Z</xmp:ModifyDate>
        </rdf:Description>`);
  if (o.pdfa) doc.appendXML(PDFUA_EXTENSION);
}
