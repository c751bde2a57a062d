package io.licensesatellite.protocol.cslu;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.licensesatellite.platform.ErrorKind;
import io.licensesatellite.usage.AuthorizationRequests;
import io.licensesatellite.usage.DeviceId;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.MissingResourceException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the {@code <smartLicense>} files devices save ({@code license smart save usage}, SLAC request files) with
 * StAX: the JDK's parser, DTDs and external entities off (a DOCTYPE is refused outright, so neither XXE nor entity
 * expansion can happen), bounded in size, elements, depth and text length. The JSON inside is read with bounded
 * Jackson; RUM wrappers are handed on as bytes for the usage reader's own checks.
 */
public final class SmartLicenseFileReader {
    private static final XMLInputFactory FACTORY = hardenedFactory();

    /** The bounds of a file. */
    public record Limits(int maxBytes, int maxElements, int maxDepth, int maxTextBytes, int maxReports) {
        public static final Limits DEFAULTS = new Limits(16 * 1024 * 1024, 50_000, 12, 262_144, 5000);
    }

    private final Limits limits;
    private final ObjectMapper json;

    public SmartLicenseFileReader(Limits limits) {
        this.limits = limits;
        this.json = new ObjectMapper(JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(16).maxStringLength(limits.maxTextBytes()).maxNumberLength(40)
                .maxDocumentLength(limits.maxTextBytes()).build()).build());
    }

    public SmartLicenseFile read(byte[] xml) throws UsageFileException {
        if (xml.length > limits.maxBytes()) {
            throw new UsageFileException(ErrorKind.USAGE_FILE_TOO_LARGE, "The file has " + xml.length + " bytes; at most "
                    + limits.maxBytes() + " are accepted");
        }
        XMLStreamReader r = null;
        try {
            r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(xml));
            return read(r);
        } catch (XMLStreamException e) {
            throw new UsageFileException(ErrorKind.USAGE_FILE_UNPARSEABLE, "Not well-formed XML: " + firstLine(e.getMessage()));
        } catch (MissingResourceException e) {
            // The JDK's StAX parser reports some errors (fuzzing found an invalid character in a DTD) under a message
            // key its resource bundle lacks, so the lookup throws this instead of XMLStreamException: still malformed
            // input. Only this one: any other runtime exception here is a fault of ours, which the fuzz test must see.
            throw new UsageFileException(ErrorKind.USAGE_FILE_UNPARSEABLE, "Not well-formed XML");
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // closing a reader over a byte array releases nothing
                }
            }
        }
    }

    private SmartLicenseFile read(XMLStreamReader r) throws XMLStreamException, UsageFileException {
        int depth = 0;
        int elements = 0;
        boolean rootSeen = false;
        List<String> path = new ArrayList<>();
        StringBuilder text = null;
        DeviceId device = null;
        String hostname = null;
        List<byte[]> reports = new ArrayList<>();
        List<AuthorizationRequests.NewRequest> requests = new ArrayList<>();
        while (r.hasNext()) {
            int event = r.next();
            switch (event) {
                case XMLStreamConstants.DTD -> throw new UsageFileException(ErrorKind.USAGE_FILE_FORBIDDEN_XML,
                        "The file has a DOCTYPE; device files have none, and DTDs and entities are not accepted");
                case XMLStreamConstants.ENTITY_REFERENCE -> throw new UsageFileException(ErrorKind.USAGE_FILE_FORBIDDEN_XML,
                        "The file refers to the entity '" + r.getLocalName() + "'; entities are not accepted");
                case XMLStreamConstants.START_ELEMENT -> {
                    if (++elements > limits.maxElements()) {
                        throw new UsageFileException(ErrorKind.USAGE_FILE_UNPARSEABLE, "More than " + limits.maxElements() + " elements");
                    }
                    if (++depth > limits.maxDepth()) {
                        throw new UsageFileException(ErrorKind.USAGE_FILE_UNPARSEABLE, "Elements nested deeper than " + limits.maxDepth());
                    }
                    String name = r.getLocalName();
                    if (depth == 1) {
                        if (rootSeen || !"smartLicense".equals(name)) {
                            throw new UsageFileException(ErrorKind.USAGE_FILE_INVALID, "The root element is <" + name
                                    + ">; a device file is <smartLicense>");
                        }
                        rootSeen = true;
                    }
                    path.add(name);
                    text = new StringBuilder();
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (text != null) {
                        if (text.length() + r.getTextLength() > limits.maxTextBytes()) {
                            throw new UsageFileException(ErrorKind.USAGE_REPORT_OUT_OF_BOUNDS, "<" + path.get(path.size() - 1)
                                    + "> holds more than " + limits.maxTextBytes() + " characters");
                        }
                        text.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    String name = path.remove(path.size() - 1);
                    String parent = path.isEmpty() ? "" : path.get(path.size() - 1);
                    String content = text == null ? "" : text.toString();
                    if ("RUMReport".equals(name)) {
                        if (reports.size() == limits.maxReports()) {
                            throw new UsageFileException(ErrorKind.USAGE_REPORT_OUT_OF_BOUNDS, "More than " + limits.maxReports() + " reports");
                        }
                        reports.add(content.strip().getBytes(StandardCharsets.UTF_8));
                    } else if ("data".equals(name) && "smartLicenseSystemInfo".equals(parent)) {
                        JsonNode info = json(content, "smartLicenseSystemInfo/data");
                        JsonNode sudi = info.get("sudi");
                        if (sudi != null && !sudi.isNull()) {
                            device = sudi(sudi, "smartLicenseSystemInfo/data.sudi");
                        }
                        hostname = info.path("hostname").isTextual() ? info.path("hostname").textValue() : null;
                    } else if ("data".equals(name) && "smartLicenseAuthRequest".equals(parent)) {
                        requests.addAll(authRequests(content));
                    }
                    text = null;
                    depth--;
                }
                default -> {
                    // comments, processing instructions and the document's start and end carry nothing
                }
            }
        }
        if (!rootSeen) {
            throw new UsageFileException(ErrorKind.USAGE_FILE_INVALID, "No <smartLicense> element");
        }
        if (reports.isEmpty() && requests.isEmpty()) {
            throw new UsageFileException(ErrorKind.USAGE_FILE_INVALID, "The file holds no <RUMReport> and no authorisation request");
        }
        return new SmartLicenseFile(device, hostname, reports, requests);
    }

    private List<AuthorizationRequests.NewRequest> authRequests(String content) throws UsageFileException {
        JsonNode data = json(content, "smartLicenseAuthRequest/data");
        JsonNode list = data.isArray() ? data : data.path("licenses");
        if (!list.isArray() || list.size() > PushMessageReader.MAX_LICENSES) {
            throw new UsageFileException(ErrorKind.USAGE_FILE_INVALID, "smartLicenseAuthRequest/data: an array of at most "
                    + PushMessageReader.MAX_LICENSES + " requests is expected");
        }
        List<AuthorizationRequests.NewRequest> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            try {
                out.add(SlacRequests.request("smartLicenseAuthRequest/data[" + i + "]", entry, entry.toString()));
            } catch (MalformedPushException e) {
                throw new UsageFileException(ErrorKind.USAGE_FILE_INVALID, e.getMessage());
            }
        }
        return out;
    }

    private JsonNode json(String content, String where) throws UsageFileException {
        try {
            JsonNode node = json.readTree(content);
            if (node == null || node.isMissingNode()) {
                throw new UsageFileException(ErrorKind.USAGE_REPORT_NOT_JSON, where + ": empty");
            }
            return node;
        } catch (IOException e) {
            throw new UsageFileException(ErrorKind.USAGE_REPORT_NOT_JSON, where + ": not JSON within the allowed bounds");
        }
    }

    private static DeviceId sudi(JsonNode node, String where) throws UsageFileException {
        try {
            return PushMessageReader.sudi(node, where);
        } catch (MalformedPushException e) {
            throw new UsageFileException(ErrorKind.USAGE_FILE_INVALID, e.getMessage());
        }
    }

    private static String firstLine(String message) {
        return PushMessageReader.firstLine(message);
    }

    private static XMLInputFactory hardenedFactory() {
        // The JDK's own implementation, not whichever StAX provider the class path happens to offer.
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resources are not allowed");
        });
        return factory;
    }
}
