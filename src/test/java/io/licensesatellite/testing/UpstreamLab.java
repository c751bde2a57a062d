package io.licensesatellite.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.licensesatellite.upstream.Accounts;
import io.licensesatellite.upstream.UpstreamEmulator;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

/**
 * One upstream emulator for every sync test of the run: the satellite under test is bound once and stays bound to
 * it (the database outlives test classes), as a real satellite stays bound to its upstream.
 */
public final class UpstreamLab {
    public static final String SMART_ACCOUNT = "Lab Smart Account";
    public static final String CAMPUS = "Lab Campus";
    public static final String DATA_CENTRE = "Lab Data Centre";
    public static final String C9300_ADVANTAGE = "regid.2017-03.com.cisco.C9300_DNA_Advantage,1.0_lab";
    public static final String C9300_ESSENTIALS = "regid.2017-03.com.cisco.C9300_DNA_Essentials,1.0_lab";

    private static UpstreamLab shared;

    private final Path stateDir;
    private final UpstreamEmulator emulator;
    private byte[] lastAuthorization;

    private UpstreamLab(Path stateDir) {
        this.stateDir = stateDir;
        this.emulator = new UpstreamEmulator(stateDir, TestClock.CLOCK);
        emulator.init();
        Accounts accounts = new Accounts(List.of(new Accounts.SmartAccount(SMART_ACCOUNT, List.of(
                new Accounts.VirtualAccount(CAMPUS, "Switches on campus", List.of(
                        Accounts.LicenseLine.perpetual(C9300_ESSENTIALS, "C9300 DNA Essentials", 20))),
                new Accounts.VirtualAccount(DATA_CENTRE, null, List.of(
                        Accounts.LicenseLine.perpetual(C9300_ADVANTAGE, "C9300 DNA Advantage", 3)))))));
        emulator.saveAccounts(accounts);
    }

    public static synchronized UpstreamLab shared() {
        if (shared == null) {
            try {
                Path dir = Files.createDirectories(Path.of("target")).resolve("upstream-lab-" + ProcessHandle.current().pid());
                deleteRecursively(dir);
                shared = new UpstreamLab(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    public UpstreamEmulator emulator() { return emulator; }

    /** Registers the satellite with this upstream unless it already is; returns the authorization file used. */
    public synchronized void ensureRegistered(AdminApi api) {
        boolean registered = api.asAdmin().get("/api/v1/sync").then().statusCode(200).extract().path("registered");
        if (!registered) {
            byte[] authorization = authorizationFor(registrationFile(api));
            lastAuthorization = authorization;
            api.asAdmin().contentType("application/yaml").body(authorization)
                    .post("/api/v1/sync/authorization-file").then().statusCode(200);
        }
    }

    /** The authorization file this lab bound the satellite with. */
    public synchronized byte[] lastAuthorization() {
        assertThat(lastAuthorization).as("the satellite was bound by this lab").isNotNull();
        return lastAuthorization;
    }

    public byte[] registrationFile(AdminApi api) {
        return api.asAdmin().get("/api/v1/sync/registration-file").then().statusCode(200).extract().asByteArray();
    }

    public byte[] authorizationFor(byte[] registrationFile) {
        return emulator.register(registrationFile, SMART_ACCOUNT, List.of(CAMPUS, DATA_CENTRE), null).authorizationFile();
    }

    public Response downloadRequest(AdminApi api, String type) {
        return api.asAdmin().queryParam("type", type).post("/api/v1/sync/requests");
    }

    public Response upload(AdminApi api, byte[] response) {
        return api.asAdmin().contentType("application/yaml").body(response).post("/api/v1/sync/responses");
    }

    /** The whole manual round: download a request, let the upstream answer it, upload the answer. */
    public UpstreamEmulator.Answered syncByFile(AdminApi api, String type) {
        byte[] request = downloadRequest(api, type).then().statusCode(200).extract().asByteArray();
        UpstreamEmulator.Answered answered = emulator.answer(request);
        upload(api, answered.responseFile()).then().statusCode(200);
        return answered;
    }

    public void setLicense(String virtualAccount, Accounts.LicenseLine line) {
        emulator.saveAccounts(emulator.accounts().withLicense(SMART_ACCOUNT, virtualAccount, line));
    }

    /**
     * Signs any bytes as the upstream would, written independently of the codec: the hostile suite needs files that
     * pass the signature check and fail later.
     */
    public byte[] signedByUpstream(String signedPart) {
        return signed(signedPart.getBytes(StandardCharsets.UTF_8), stateDir.resolve("signer-key.pem"), stateDir.resolve("signer.pem"));
    }

    public static byte[] signed(byte[] signedPart, Path keyFile, Path certificateFile) {
        try {
            PrivateKey key;
            try (PEMParser parser = new PEMParser(Files.newBufferedReader(keyFile))) {
                key = new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) parser.readObject());
            }
            X509Certificate certificate = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(Files.newInputStream(certificateFile));
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(key);
            signature.update(signedPart);
            String trailer = "--- # signature\nalgorithm: SHA256withECDSA\ncertificate: "
                    + Base64.getEncoder().encodeToString(certificate.getEncoded()) + "\nsignature: "
                    + Base64.getEncoder().encodeToString(signature.sign()) + "\n";
            byte[] tail = trailer.getBytes(StandardCharsets.US_ASCII);
            byte[] file = java.util.Arrays.copyOf(signedPart, signedPart.length + tail.length);
            System.arraycopy(tail, 0, file, signedPart.length, tail.length);
            return file;
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The signed part of a file: everything before its signature block. */
    public static String signedPart(byte[] file) {
        String text = new String(file, StandardCharsets.UTF_8);
        int at = text.lastIndexOf("--- # signature\n");
        assertThat(at).as("signature block").isPositive();
        return text.substring(0, at);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
