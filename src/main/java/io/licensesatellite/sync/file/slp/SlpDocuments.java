package io.licensesatellite.sync.file.slp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.licensesatellite.sync.file.slp.SmartLicenseDocument.DocumentRefused;
import io.licensesatellite.sync.file.slp.SmartLicenseDocument.Section;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Acknowledgement and authorisation-code documents: written and signed by the upstream, checked by the satellite
 * before it stores them (the bytes stored are the upstream's, never re-encoded).
 */
public final class SlpDocuments {
    public static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** What a checked acknowledgement says. @param policyJson the policy's data text, or null when none came with it */
    public record VerifiedAck(AckData data, String policyJson) {}

    /** What a checked authorisation-code document says. */
    public record VerifiedAuthorization(AuthorizationData data) {}

    private SlpDocuments() {}

    public static byte[] acknowledgement(AckData ack, Policy policy, PrivateKey key, X509Certificate signer) {
        List<Section> sections = new ArrayList<>();
        sections.add(SmartLicenseDocument.signed(SmartLicenseDocument.RUM_ACK, json(ack), key, signer));
        if (policy != null) {
            sections.add(SmartLicenseDocument.signed(SmartLicenseDocument.POLICY, json(policy), key, signer));
        }
        return SmartLicenseDocument.write(sections);
    }

    public static byte[] authorization(AuthorizationData data, PrivateKey key, X509Certificate signer) {
        return SmartLicenseDocument.write(List.of(
                SmartLicenseDocument.signed(SmartLicenseDocument.AUTHORIZATION, json(data), key, signer)));
    }

    /** Reads an acknowledgement and checks every signed section against the upstream CA. */
    public static VerifiedAck verifyAcknowledgement(byte[] document, X509Certificate ca, Instant now) throws DocumentRefused {
        List<Section> sections = SmartLicenseDocument.read(document);
        Section ack = SmartLicenseDocument.section(sections, SmartLicenseDocument.RUM_ACK).orElseThrow(
                () -> new DocumentRefused("no signed <smartLicenseRumAck> section: not a usage acknowledgement"));
        for (Section section : sections) {
            SmartLicenseDocument.verify(section, ca, now);
        }
        AckData data = parse(ack.data(), AckData.class, "the acknowledgement's data");
        if (data.sudi() == null || data.sudi().pid() == null || data.sudi().serial() == null
                || data.acknowledgedReportIds() == null) {
            throw new DocumentRefused("the acknowledgement's data names no device (sudi) or no report ids");
        }
        String policy = SmartLicenseDocument.section(sections, SmartLicenseDocument.POLICY).map(Section::data).orElse(null);
        return new VerifiedAck(data, policy);
    }

    public static VerifiedAuthorization verifyAuthorization(byte[] document, X509Certificate ca, Instant now) throws DocumentRefused {
        List<Section> sections = SmartLicenseDocument.read(document);
        Section section = SmartLicenseDocument.section(sections, SmartLicenseDocument.AUTHORIZATION).orElseThrow(
                () -> new DocumentRefused("no signed <smartLicenseAuthorization> section: not an authorisation code"));
        SmartLicenseDocument.verify(section, ca, now);
        AuthorizationData data = parse(section.data(), AuthorizationData.class, "the authorisation's data");
        if (data.sudi() == null || data.authorizations() == null) {
            throw new DocumentRefused("the authorisation's data names no device (sudi) or no codes");
        }
        return new VerifiedAuthorization(data);
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static <T> T parse(String json, Class<T> type, String what) throws DocumentRefused {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new DocumentRefused(what + " is not the expected JSON: " + e.getOriginalMessage());
        }
    }
}
