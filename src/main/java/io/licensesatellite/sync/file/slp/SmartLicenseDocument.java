package io.licensesatellite.sync.file.slp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The {@code <smartLicense>} documents the upstream hands down for a device to import: a usage acknowledgement
 * ({@code <smartLicenseRumAck>}), a policy ({@code <smartLicensePolicy>}) and an authorisation code
 * ({@code <smartLicenseAuthorization>}). Each section is {@code <data>} (JSON) and {@code <signature>} (JSON:
 * algorithm, base64 DER certificate, base64 signature over the data's exact UTF-8 bytes).
 *
 * <p>The vendor's real signing of these documents is not public (docs/protocol-divergences.md): this is our own,
 * ECDSA by the upstream's signer, whose certificate must chain to the upstream CA the satellite trusts. The
 * satellite stores the document byte-exact as the upstream sent it; only the check reads it.
 */
public final class SmartLicenseDocument {
    public static final String RUM_ACK = "smartLicenseRumAck";
    public static final String POLICY = "smartLicensePolicy";
    public static final String AUTHORIZATION = "smartLicenseAuthorization";
    public static final String ALGORITHM = "SHA256withECDSA";
    /** An ACK, policy and codes for one device are a few kilobytes; a megabyte leaves room and bounds the parser. */
    public static final int MAX_BYTES = 1024 * 1024;

    /** @param signature the signature element's JSON text */
    public record Section(String name, String data, String signature) {}

    /** Why a document is refused; the message says what is wrong. */
    public static final class DocumentRefused extends Exception {
        public DocumentRefused(String message) {
            super(message);
        }
    }

    private SmartLicenseDocument() {}

    public static Section signed(String name, String dataJson, PrivateKey key, X509Certificate signer) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(key);
            signature.update(dataJson.getBytes(StandardCharsets.UTF_8));
            String value = Base64.getEncoder().encodeToString(signature.sign());
            String certificate = Base64.getEncoder().encodeToString(signer.getEncoded());
            return new Section(name, dataJson, "{\"algorithm\":\"" + ALGORITHM + "\",\"certificate\":\"" + certificate
                    + "\",\"value\":\"" + value + "\"}");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the upstream signer: " + e.getMessage(), e);
        }
    }

    public static byte[] write(List<Section> sections) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<smartLicense>\n");
        for (Section section : sections) {
            xml.append("<").append(section.name()).append("><data>").append(escape(section.data()))
                    .append("</data><signature>").append(escape(section.signature())).append("</signature></")
                    .append(section.name()).append(">\n");
        }
        return xml.append("</smartLicense>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Reads every signed section; no DTDs, no entities beyond XML's own, bounded in size. */
    public static List<Section> read(byte[] document) throws DocumentRefused {
        if (document.length > MAX_BYTES) {
            throw new DocumentRefused("the document is " + document.length + " bytes, more than " + MAX_BYTES);
        }
        Document dom;
        try {
            dom = parser().parse(new ByteArrayInputStream(document));
        } catch (SAXException e) {
            throw new DocumentRefused("not a well-formed <smartLicense> XML document: " + e.getMessage());
        } catch (IOException e) {
            throw new DocumentRefused("the document cannot be read: " + e.getMessage());
        }
        Element root = dom.getDocumentElement();
        if (!"smartLicense".equals(root.getTagName())) {
            throw new DocumentRefused("the root element is <" + root.getTagName() + ">, not <smartLicense>");
        }
        List<Section> sections = new ArrayList<>();
        NodeList children = root.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node node = children.item(i);
            if (node instanceof Element element) {
                String data = childText(element, "data");
                String signature = childText(element, "signature");
                if (data != null && signature != null) {
                    sections.add(new Section(element.getTagName(), data, signature));
                }
            }
        }
        return sections;
    }

    public static Optional<Section> section(List<Section> sections, String name) {
        return sections.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * The section's signature verifies with its certificate, which is issued by {@code ca} and valid at {@code now}.
     */
    public static void verify(Section section, X509Certificate ca, Instant now) throws DocumentRefused {
        String algorithm = jsonString(section.signature(), "algorithm");
        String certificateB64 = jsonString(section.signature(), "certificate");
        String valueB64 = jsonString(section.signature(), "value");
        if (!ALGORITHM.equals(algorithm) || certificateB64 == null || valueB64 == null) {
            throw new DocumentRefused("<" + section.name() + "> has no " + ALGORITHM + " signature with a certificate");
        }
        X509Certificate signer;
        try {
            signer = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(certificateB64)));
        } catch (CertificateException | IllegalArgumentException | ClassCastException e) {
            throw new DocumentRefused("<" + section.name() + ">'s signing certificate cannot be read");
        }
        try {
            signer.verify(ca.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new DocumentRefused("<" + section.name() + "> is signed by '" + signer.getSubjectX500Principal().getName()
                    + "', not issued by the upstream CA this satellite trusts (" + ca.getSubjectX500Principal().getName() + ")");
        }
        try {
            signer.checkValidity(Date.from(now));
        } catch (CertificateException e) {
            throw new DocumentRefused("<" + section.name() + ">'s signing certificate is not valid now (valid "
                    + signer.getNotBefore().toInstant() + " to " + signer.getNotAfter().toInstant() + ")");
        }
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(signer.getPublicKey());
            signature.update(section.data().getBytes(StandardCharsets.UTF_8));
            if (!signature.verify(Base64.getDecoder().decode(valueB64))) {
                throw new DocumentRefused("<" + section.name() + ">'s signature does not match its data (changed after signing)");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new DocumentRefused("<" + section.name() + ">'s signature cannot be checked: " + e.getMessage());
        }
    }

    private static String childText(Element parent, String name) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child && child.getTagName().equals(name)) {
                return child.getTextContent();
            }
        }
        return null;
    }

    /** A top-level string member of a flat JSON object we wrote ourselves (base64 and names: no escapes). */
    private static String jsonString(String json, String key) {
        String marker = "\"" + key + "\":\"";
        int at = json.indexOf(marker);
        if (at < 0) {
            return null;
        }
        int start = at + marker.length();
        int end = json.indexOf('"', start);
        return end < 0 ? null : json.substring(start, end);
    }

    private static DocumentBuilder parser() throws DocumentRefused {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setNamespaceAware(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void error(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be configured safely", e);
        }
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
