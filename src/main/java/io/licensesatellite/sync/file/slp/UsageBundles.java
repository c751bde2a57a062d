package io.licensesatellite.sync.file.slp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.licensesatellite.sync.file.slp.Ustar.ArchiveRefused;
import io.licensesatellite.sync.file.slp.Ustar.Entry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The offline usage bundles of protocol-facts B3, as the vendor's sample lays them out: {@code UD_SA_<ts>.tar.gz} =
 * {@code manifest.mf} + one {@code UD_VA_<ts>_<n>.tar.gz} per VA of {@code dev_<udi>_<ts>.txt} device files
 * ({@code <smartLicense>} with {@code <smartLicenseSystemInfo>}, {@code <RUMReport>}s and, ours, an
 * {@code <smartLicenseAuthRequest>}); the answer {@code ACK_UD_SA_<ts>.tar.gz} = manifest + {@code ACK_UD_VA_...}
 * of {@code ACK_dev_...} (acknowledgement) and {@code SLAC_dev_...} (authorisation codes) files. Both sides read
 * with the same bounds.
 */
public final class UsageBundles {
    public static final String MANIFEST = "manifest.mf";
    public static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** Outer archive: a manifest and at most this many VA archives. */
    public static final Ustar.Limits OUTER = new Ustar.Limits(1_001, 64L * 1024 * 1024, 256L * 1024 * 1024);
    /** A VA archive: at most this many device files of at most 16 MiB each. */
    public static final Ustar.Limits INNER = new Ustar.Limits(20_000, 16L * 1024 * 1024, 256L * 1024 * 1024);

    /** One RUM report as the device signed it: the payload text and the signature object's JSON, both exact. */
    public record RumReport(long reportId, String payload, String signatureJson) {}

    public record AuthRequestEntry(String requestId, List<Key> keys) {}

    public record Key(String entitlement, int count) {}

    public record DeviceUsage(Sudi sudi, String hostname, String softwareTag, List<RumReport> reports,
            List<AuthRequestEntry> authRequests) {}

    public record VirtualAccountUsage(String virtualAccount, List<DeviceUsage> devices) {}

    public record UsageBundle(String smartAccount, Instant createdAt, List<VirtualAccountUsage> virtualAccounts) {}

    /** An answer for one device: its acknowledgement and/or authorisation documents, exact bytes. */
    public record DeviceAnswer(Sudi sudi, byte[] acknowledgement, List<byte[]> authorizations) {}

    public record VirtualAccountAnswer(String virtualAccount, List<DeviceAnswer> devices) {}

    public record AckBundle(String smartAccount, Instant createdAt, List<VirtualAccountAnswer> virtualAccounts) {}

    private UsageBundles() {}

    public static String usageFileName(Instant createdAt) {
        return "UD_SA_" + TIMESTAMP.format(createdAt) + ".tar.gz";
    }

    public static String ackFileName(String usageFileName) {
        return "ACK_" + usageFileName;
    }

    // --- writing ---------------------------------------------------------------------------------------------

    public static byte[] write(UsageBundle bundle, String createdBy) {
        String ts = TIMESTAMP.format(bundle.createdAt());
        List<Entry> outer = new ArrayList<>();
        List<Entry> vaArchives = new ArrayList<>();
        StringBuilder manifest = manifest(createdBy, bundle.smartAccount());
        int n = 0;
        for (VirtualAccountUsage va : bundle.virtualAccounts()) {
            String name = "UD_VA_" + ts + "_" + (++n) + ".tar.gz";
            List<Entry> devices = new ArrayList<>();
            for (DeviceUsage device : va.devices()) {
                devices.add(new Entry("dev_" + safe(device.sudi()) + "_" + ts + ".txt", deviceFile(device, bundle.createdAt())));
            }
            vaArchives.add(new Entry(name, Ustar.gzip(devices)));
            manifest.append("\nName: /").append(name).append("\nSpecification-VA: ").append(va.virtualAccount())
                    .append("\nSpecification-VA-ID: ").append(va.virtualAccount()).append("\n");
        }
        outer.add(new Entry(MANIFEST, manifest.toString().getBytes(StandardCharsets.UTF_8)));
        outer.addAll(vaArchives);
        return Ustar.gzip(outer);
    }

    public static byte[] write(AckBundle bundle, String createdBy) {
        String ts = TIMESTAMP.format(bundle.createdAt());
        List<Entry> outer = new ArrayList<>();
        List<Entry> vaArchives = new ArrayList<>();
        StringBuilder manifest = manifest(createdBy, bundle.smartAccount());
        int n = 0;
        for (VirtualAccountAnswer va : bundle.virtualAccounts()) {
            String name = "ACK_UD_VA_" + ts + "_" + (++n) + ".tar.gz";
            List<Entry> files = new ArrayList<>();
            for (DeviceAnswer device : va.devices()) {
                if (device.acknowledgement() != null) {
                    files.add(new Entry("ACK_dev_" + safe(device.sudi()) + "_" + ts + ".txt", device.acknowledgement()));
                }
                int a = 0;
                for (byte[] code : device.authorizations()) {
                    files.add(new Entry("SLAC_dev_" + safe(device.sudi()) + "_" + ts + "_" + (++a) + ".txt", code));
                }
            }
            vaArchives.add(new Entry(name, Ustar.gzip(files)));
            manifest.append("\nName: /").append(name).append("\nSpecification-VA: ").append(va.virtualAccount())
                    .append("\nSpecification-VA-ID: ").append(va.virtualAccount()).append("\n");
        }
        outer.add(new Entry(MANIFEST, manifest.toString().getBytes(StandardCharsets.UTF_8)));
        outer.addAll(vaArchives);
        return Ustar.gzip(outer);
    }

    private static StringBuilder manifest(String createdBy, String smartAccount) {
        return new StringBuilder("Manifest-Version: 1.0\nCreated-By: ").append(oneLine(createdBy))
                .append("\nSmart-Account: ").append(oneLine(smartAccount)).append("\nSmart-Account-ID: ")
                .append(oneLine(smartAccount)).append("\n");
    }

    static byte[] deviceFile(DeviceUsage device, Instant createdAt) {
        ObjectNode info = SlpDocuments.JSON.createObjectNode();
        info.set("sudi", SlpDocuments.JSON.valueToTree(device.sudi()));
        info.put("timestamp", createdAt.toEpochMilli());
        info.put("hostname", device.hostname());
        info.put("software_tag_identifier", device.softwareTag());
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<smartLicense>\n<smartLicenseSystemInfo><data>")
                .append(SmartLicenseDocument.escape(info.toString())).append("</data></smartLicenseSystemInfo>\n");
        for (RumReport report : device.reports()) {
            xml.append("<RUMReport><![CDATA[").append(wrapper(report).replace("]]>", "]]]]><![CDATA[>"))
                    .append("]]></RUMReport>\n");
        }
        if (!device.authRequests().isEmpty()) {
            ArrayNode requests = SlpDocuments.JSON.createArrayNode();
            for (AuthRequestEntry request : device.authRequests()) {
                ObjectNode node = requests.addObject();
                node.set("sudi", SlpDocuments.JSON.valueToTree(device.sudi()));
                node.put("request_id", request.requestId());
                ArrayNode keys = node.putArray("keys");
                for (Key key : request.keys()) {
                    keys.addObject().put("entitlement", key.entitlement()).put("count", key.count());
                }
            }
            xml.append("<smartLicenseAuthRequest><data>").append(SmartLicenseDocument.escape(requests.toString()))
                    .append("</data></smartLicenseAuthRequest>\n");
        }
        return xml.append("</smartLicense>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The device's wrapper: the payload as a JSON string (its text exact), the signature object as the device wrote it. */
    public static String wrapper(RumReport report) {
        try {
            return "{\"payload\":" + SlpDocuments.JSON.writeValueAsString(report.payload()) + ",\"signature\":"
                    + report.signatureJson() + "}";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- reading ---------------------------------------------------------------------------------------------

    /** Reads a usage bundle (the emulator's side); every archive and file bounded, any fault refused with its place. */
    public static UsageBundle readUsage(byte[] archive) throws ArchiveRefused {
        Map<String, List<Entry>> vas = open(archive, "UD_VA_");
        Manifest manifest = manifest(archive);
        List<VirtualAccountUsage> result = new ArrayList<>();
        for (Map.Entry<String, List<Entry>> va : vas.entrySet()) {
            List<DeviceUsage> devices = new ArrayList<>();
            for (Entry file : va.getValue()) {
                if (!file.name().startsWith("dev_")) {
                    throw new ArchiveRefused(va.getKey() + " holds '" + file.name() + "', not a dev_... device file");
                }
                devices.add(readDevice(file, va.getKey()));
            }
            result.add(new VirtualAccountUsage(manifest.vaOf(va.getKey()), devices));
        }
        return new UsageBundle(manifest.smartAccount(), null, result);
    }

    /** Reads an acknowledgement bundle (the satellite's side); the documents are returned exact, unchecked. */
    public static AckBundle readAcks(byte[] archive) throws ArchiveRefused {
        Map<String, List<Entry>> vas = open(archive, "ACK_UD_VA_");
        Manifest manifest = manifest(archive);
        List<VirtualAccountAnswer> result = new ArrayList<>();
        for (Map.Entry<String, List<Entry>> va : vas.entrySet()) {
            List<DeviceAnswer> devices = new ArrayList<>();
            for (Entry file : va.getValue()) {
                if (file.name().startsWith("ACK_dev_")) {
                    devices.add(new DeviceAnswer(null, file.content(), List.of()));
                } else if (file.name().startsWith("SLAC_dev_")) {
                    devices.add(new DeviceAnswer(null, null, List.of(file.content())));
                } else {
                    throw new ArchiveRefused(va.getKey() + " holds '" + file.name() + "', not an ACK_dev_ or SLAC_dev_ file");
                }
            }
            result.add(new VirtualAccountAnswer(manifest.vaOf(va.getKey()), devices));
        }
        return new AckBundle(manifest.smartAccount(), null, result);
    }

    private record Manifest(String smartAccount, Map<String, String> vaByFile) {
        String vaOf(String file) throws ArchiveRefused {
            String va = vaByFile.get(file);
            if (va == null) {
                throw new ArchiveRefused("manifest.mf names no Specification-VA for " + file);
            }
            return va;
        }
    }

    private static Map<String, List<Entry>> open(byte[] archive, String prefix) throws ArchiveRefused {
        List<Entry> outer = Ustar.gunzip(archive, OUTER);
        if (outer.stream().noneMatch(e -> e.name().equals(MANIFEST))) {
            throw new ArchiveRefused("the bundle has no manifest.mf");
        }
        Map<String, List<Entry>> vas = new LinkedHashMap<>();
        for (Entry entry : outer) {
            if (entry.name().equals(MANIFEST)) {
                continue;
            }
            if (!entry.name().startsWith(prefix) || !entry.name().endsWith(".tar.gz")) {
                throw new ArchiveRefused("the bundle holds '" + entry.name() + "', not a " + prefix + "....tar.gz archive"
                        + (prefix.startsWith("ACK") ? " (is this a usage bundle rather than its acknowledgement?)" : ""));
            }
            try {
                vas.put(entry.name(), Ustar.gunzip(entry.content(), INNER));
            } catch (ArchiveRefused e) {
                throw new ArchiveRefused(entry.name() + ": " + e.getMessage());
            }
        }
        return vas;
    }

    private static Manifest manifest(byte[] archive) throws ArchiveRefused {
        Entry entry = Ustar.gunzip(archive, OUTER).stream().filter(e -> e.name().equals(MANIFEST)).findFirst().orElseThrow();
        String smartAccount = null;
        String currentFile = null;
        Map<String, String> vaByFile = new LinkedHashMap<>();
        for (String line : new String(entry.content(), StandardCharsets.UTF_8).split("\n")) {
            String l = line.strip();
            if (l.startsWith("Smart-Account: ")) {
                smartAccount = l.substring("Smart-Account: ".length());
            } else if (l.startsWith("Name: /")) {
                currentFile = l.substring("Name: /".length());
            } else if (l.startsWith("Specification-VA: ") && currentFile != null) {
                vaByFile.put(currentFile, l.substring("Specification-VA: ".length()));
            }
        }
        if (smartAccount == null || smartAccount.isBlank()) {
            throw new ArchiveRefused("manifest.mf names no Smart-Account");
        }
        return new Manifest(smartAccount, vaByFile);
    }

    private static DeviceUsage readDevice(Entry file, String archive) throws ArchiveRefused {
        String where = archive + "/" + file.name();
        Document dom;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void error(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXException {
                    throw e;
                }
            });
            dom = builder.parse(new ByteArrayInputStream(file.content()));
        } catch (Exception e) {
            throw new ArchiveRefused(where + " is not a well-formed <smartLicense> document");
        }
        Element root = dom.getDocumentElement();
        if (!root.getTagName().equals("smartLicense")) {
            throw new ArchiveRefused(where + ": the root element is <" + root.getTagName() + ">, not <smartLicense>");
        }
        JsonNode info = null;
        List<RumReport> reports = new ArrayList<>();
        List<AuthRequestEntry> requests = new ArrayList<>();
        NodeList children = root.getChildNodes();
        try {
            for (int i = 0; i < children.getLength(); i++) {
                Node node = children.item(i);
                if (!(node instanceof Element element)) {
                    continue;
                }
                switch (element.getTagName()) {
                    case "smartLicenseSystemInfo" -> info = SlpDocuments.JSON.readTree(data(element, where));
                    case "RUMReport" -> {
                        JsonNode wrapper = SlpDocuments.JSON.readTree(element.getTextContent());
                        JsonNode payload = wrapper.path("payload");
                        if (!payload.isTextual() || !wrapper.path("signature").isObject()) {
                            throw new ArchiveRefused(where + ": a <RUMReport> lacks its payload string or signature object");
                        }
                        reports.add(new RumReport(reportIdOf(payload.asText(), where), payload.asText(),
                                wrapper.path("signature").toString()));
                    }
                    case "smartLicenseAuthRequest" -> {
                        for (JsonNode request : SlpDocuments.JSON.readTree(data(element, where))) {
                            List<Key> keys = new ArrayList<>();
                            for (JsonNode key : request.path("keys")) {
                                keys.add(new Key(key.path("entitlement").asText(), key.path("count").asInt()));
                            }
                            requests.add(new AuthRequestEntry(request.path("request_id").asText(null), keys));
                        }
                    }
                    default -> { }
                }
            }
        } catch (IOException e) {
            throw new ArchiveRefused(where + " holds JSON that cannot be read");
        }
        if (info == null || !info.path("sudi").path("udi_pid").isTextual() || !info.path("sudi").path("udi_serial_number").isTextual()) {
            throw new ArchiveRefused(where + " has no <smartLicenseSystemInfo> naming the device's sudi");
        }
        Sudi sudi = new Sudi(info.path("sudi").path("udi_pid").asText(), info.path("sudi").path("udi_serial_number").asText());
        return new DeviceUsage(sudi, info.path("hostname").asText(null), info.path("software_tag_identifier").asText(null),
                reports, requests);
    }

    private static String data(Element element, String where) throws ArchiveRefused {
        NodeList list = element.getElementsByTagName("data");
        if (list.getLength() == 0) {
            throw new ArchiveRefused(where + ": <" + element.getTagName() + "> has no <data>");
        }
        return list.item(0).getTextContent();
    }

    private static long reportIdOf(String payload, String where) throws ArchiveRefused {
        try {
            JsonNode node = SlpDocuments.JSON.readTree(payload);
            JsonNode id = node.path("asset_identification").path("report_id");
            if (!id.canConvertToLong()) {
                id = node.path("meta").path("report_id");
            }
            if (id.canConvertToLong()) {
                return id.asLong();
            }
        } catch (IOException e) {
            throw new ArchiveRefused(where + ": a report's payload is not JSON");
        }
        throw new ArchiveRefused(where + ": a report's payload has no report_id");
    }

    private static String safe(Sudi sudi) {
        return (sudi.pid() + "_" + sudi.serial()).replaceAll("[^A-Za-z0-9._-]", "-");
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("[\\r\\n]", " ");
    }
}
