package io.licensesatellite.protocol.smartagent;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.MissingResourceException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The Call Home AML envelope (SOAP 1.2) that carries the signed licensing JSON as the inline
 * attachment {@code smart_licensing_data} (protocol-facts A2). Used by the device door to read
 * requests and write replies, and by the simulator the other way round.
 *
 * @param to         {@code aml-session:To}
 * @param via        {@code aml-session:Path/Via}
 * @param from       {@code aml-session:From}
 * @param messageId  {@code aml-session:MessageId}
 * @param type       {@code aml-block:Header/Type}
 * @param creationDate {@code aml-block:Header/CreationDate}, as sent ({@code YYYY-MM-DD HH:MM:SS GMT+00:00})
 * @param builderName {@code Builder/Name}
 * @param builderVersion {@code Builder/Version}
 * @param data       the text of the {@code smart_licensing_data} attachment: the signed JSON
 */
public record AmlEnvelope(String to, String via, String from, String messageId, String type, String creationDate,
                          String builderName, String builderVersion, String data) {

    public static final String SOAP_NS = "http://www.w3.org/2003/05/soap-envelope";
    public static final String SESSION_NS = "http://www.cisco.com/2004/01/aml-session";
    public static final String BLOCK_NS = "http://www.cisco.com/2004/01/aml-block";
    /** Ours: no public source names the Type URI of smart-licensing Call Home messages (protocol-facts, unknown 4). */
    public static final String SMART_LICENSING_TYPE = "http://www.cisco.com/2005/05/callhome/smartlicensing";
    public static final String ATTACHMENT_NAME = "smart_licensing_data";

    private static final int MAX_DEPTH = 32;
    private static final DateTimeFormatter CREATION_DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'GMT+00:00'").withZone(ZoneOffset.UTC);
    private static final XMLInputFactory FACTORY = hardenedFactory();

    public static String creationDate(Instant instant) {
        return CREATION_DATE.format(instant);
    }

    /**
     * Reads an envelope and finds its licensing attachment. Document type declarations and entity
     * references are refused outright rather than merely not expanded: the envelope never needs them,
     * and refusing them closes XXE and entity-expansion attacks whatever the parser's defaults.
     */
    public static AmlEnvelope parse(byte[] xml) {
        XMLStreamReader reader = null;
        try {
            reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(xml));
            return read(reader);
        } catch (XMLStreamException e) {
            var location = e.getLocation();
            throw new MalformedMessageException("AML envelope: not well-formed XML"
                    + (location == null ? "" : " at line " + location.getLineNumber() + ", column " + location.getColumnNumber()));
        } catch (MissingResourceException e) {
            // The JDK's StAX parser reports some errors (an invalid character in a DOCTYPE, among others) under a
            // message key its resource bundle lacks, so the lookup throws this instead of XMLStreamException: the
            // input is still malformed, and the device gets the precise 400, not a 500.
            throw new MalformedMessageException("AML envelope: not well-formed XML");
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // closing an in-memory reader releases nothing that matters
                }
            }
        }
    }

    private static AmlEnvelope read(XMLStreamReader reader) throws XMLStreamException {
        Deque<String> path = new ArrayDeque<>();
        Fields fields = new Fields();
        StringBuilder text = null;
        String attachmentName = null;
        String attachmentData = null;
        String attachmentEncoding = null;
        String data = null;
        boolean sawRoot = false;
        while (reader.hasNext()) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.DTD -> throw new MalformedMessageException(
                        "AML envelope: document type declarations are not allowed");
                case XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.ENTITY_DECLARATION -> throw new MalformedMessageException(
                        "AML envelope: entity references are not allowed");
                case XMLStreamConstants.START_ELEMENT -> {
                    String local = reader.getLocalName();
                    if (!sawRoot) {
                        if (!"Envelope".equals(local) || !SOAP_NS.equals(reader.getNamespaceURI())) {
                            throw new MalformedMessageException("AML envelope: the root element must be a SOAP 1.2 Envelope");
                        }
                        sawRoot = true;
                    }
                    path.addLast(local);
                    if (path.size() > MAX_DEPTH) {
                        throw new MalformedMessageException("AML envelope: elements nested deeper than " + MAX_DEPTH);
                    }
                    String at = String.join("/", path);
                    if ("Envelope/Header/Session".equals(at) && !SESSION_NS.equals(reader.getNamespaceURI())) {
                        throw new MalformedMessageException("AML envelope: Session must be in namespace " + SESSION_NS);
                    }
                    if ("Envelope/Body/Block".equals(at) && !BLOCK_NS.equals(reader.getNamespaceURI())) {
                        throw new MalformedMessageException("AML envelope: Block must be in namespace " + BLOCK_NS);
                    }
                    if ("Envelope/Body/Block/Attachments/Attachment".equals(at)) {
                        attachmentName = null;
                        attachmentData = null;
                        attachmentEncoding = null;
                    }
                    if ("Envelope/Body/Block/Attachments/Attachment/Data".equals(at)) {
                        attachmentEncoding = reader.getAttributeValue(null, "encoding");
                    }
                    text = Fields.captures(at) ? new StringBuilder() : null;
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (text != null) {
                        text.append(reader.getText());
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    String at = String.join("/", path);
                    if (text != null) {
                        String value = text.toString();
                        switch (at) {
                            case "Envelope/Body/Block/Attachments/Attachment/Name" -> attachmentName = value.strip();
                            case "Envelope/Body/Block/Attachments/Attachment/Data" -> attachmentData = value;
                            default -> fields.put(at, value.strip());
                        }
                        text = null;
                    }
                    if ("Envelope/Body/Block/Attachments/Attachment".equals(at) && ATTACHMENT_NAME.equals(attachmentName)) {
                        if (data != null) {
                            throw new MalformedMessageException("AML envelope: more than one attachment named " + ATTACHMENT_NAME);
                        }
                        if (attachmentEncoding != null && !"plain".equals(attachmentEncoding) && !"text".equals(attachmentEncoding)) {
                            throw new MalformedMessageException("AML envelope: attachment " + ATTACHMENT_NAME
                                    + " must have Data encoding \"plain\"");
                        }
                        data = attachmentData == null ? "" : attachmentData;
                    }
                    path.removeLast();
                }
                default -> {
                    // comments, processing instructions and the document start carry nothing we read
                }
            }
        }
        if (!sawRoot) {
            throw new MalformedMessageException("AML envelope: no root element");
        }
        if (data == null || data.isBlank()) {
            throw new MalformedMessageException("AML envelope: no attachment named " + ATTACHMENT_NAME + " with data");
        }
        return new AmlEnvelope(fields.to, fields.via, fields.from, fields.messageId, fields.type, fields.creationDate,
                fields.builderName, fields.builderVersion, data.strip());
    }

    /** Writes the envelope; the attachment is escaped rather than put in CDATA, which a JSON string containing "]]>" would break. */
    public String toXml() {
        StringBuilder xml = new StringBuilder(data.length() + 1200);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<soap-env:Envelope xmlns:soap-env=\"").append(SOAP_NS).append("\">\n")
                .append("<soap-env:Header>\n")
                .append("<aml-session:Session xmlns:aml-session=\"").append(SESSION_NS)
                .append("\" soap-env:mustUnderstand=\"true\" soap-env:role=\"http://www.w3.org/2003/05/soap-envelope/role/next\">\n");
        element(xml, "aml-session:To", to);
        xml.append("<aml-session:Path>\n");
        element(xml, "aml-session:Via", via);
        xml.append("</aml-session:Path>\n");
        element(xml, "aml-session:From", from);
        element(xml, "aml-session:MessageId", messageId);
        xml.append("</aml-session:Session>\n")
                .append("</soap-env:Header>\n")
                .append("<soap-env:Body>\n")
                .append("<aml-block:Block xmlns:aml-block=\"").append(BLOCK_NS).append("\">\n")
                .append("<aml-block:Header>\n");
        element(xml, "aml-block:Type", type);
        element(xml, "aml-block:CreationDate", creationDate);
        xml.append("<aml-block:Builder>\n");
        element(xml, "aml-block:Name", builderName);
        element(xml, "aml-block:Version", builderVersion);
        xml.append("</aml-block:Builder>\n")
                .append("</aml-block:Header>\n")
                .append("<aml-block:Attachments>\n")
                .append("<aml-block:Attachment type=\"inline\">\n");
        element(xml, "aml-block:Name", ATTACHMENT_NAME);
        xml.append("<aml-block:Data encoding=\"plain\">").append(escape(data)).append("</aml-block:Data>\n")
                .append("</aml-block:Attachment>\n")
                .append("</aml-block:Attachments>\n")
                .append("</aml-block:Block>\n")
                .append("</soap-env:Body>\n")
                .append("</soap-env:Envelope>\n");
        return xml.toString();
    }

    private static void element(StringBuilder xml, String name, String value) {
        xml.append('<').append(name).append('>').append(escape(value == null ? "" : value)).append("</").append(name).append(">\n");
    }

    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static XMLInputFactory hardenedFactory() {
        // The JDK's own implementation, not whichever StAX provider the class path happens to offer.
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resources are not allowed");
        });
        return factory;
    }

    private static final class Fields {
        String to;
        String via;
        String from;
        String messageId;
        String type;
        String creationDate;
        String builderName;
        String builderVersion;

        static boolean captures(String at) {
            return switch (at) {
                case "Envelope/Header/Session/To", "Envelope/Header/Session/From", "Envelope/Header/Session/MessageId",
                     "Envelope/Header/Session/Path/Via", "Envelope/Body/Block/Header/Type",
                     "Envelope/Body/Block/Header/CreationDate", "Envelope/Body/Block/Header/Builder/Name",
                     "Envelope/Body/Block/Header/Builder/Version", "Envelope/Body/Block/Attachments/Attachment/Name",
                     "Envelope/Body/Block/Attachments/Attachment/Data" -> true;
                default -> false;
            };
        }

        void put(String at, String value) {
            switch (at) {
                case "Envelope/Header/Session/To" -> to = value;
                case "Envelope/Header/Session/From" -> from = value;
                case "Envelope/Header/Session/MessageId" -> messageId = value;
                case "Envelope/Header/Session/Path/Via" -> via = value;
                case "Envelope/Body/Block/Header/Type" -> type = value;
                case "Envelope/Body/Block/Header/CreationDate" -> creationDate = value;
                case "Envelope/Body/Block/Header/Builder/Name" -> builderName = value;
                case "Envelope/Body/Block/Header/Builder/Version" -> builderVersion = value;
                default -> { }
            }
        }
    }
}
