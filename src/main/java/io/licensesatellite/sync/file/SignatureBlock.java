package io.licensesatellite.sync.file;

import io.licensesatellite.pki.DeviceSignatures;
import io.licensesatellite.sync.file.SyncFileException.Reason;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * The signature block that ends every sync file (docs/sync.md, "Framing"): the marker line, then exactly
 * {@code algorithm}, {@code certificate} and {@code signature}. It is split off and checked with plain byte
 * handling, so nothing of the signed part reaches a YAML parser before its signature has verified.
 */
final class SignatureBlock {
    static final String MARKER = "--- # signature";
    static final String ALGORITHM = "SHA256withECDSA";
    private static final byte[] MARKER_BYTES = MARKER.getBytes(StandardCharsets.US_ASCII);
    private static final String[] KEYS = {"algorithm", "certificate", "signature"};

    /** A file split at its last marker line, the certificate decoded, nothing verified yet. */
    record Parts(int signedLength, X509Certificate certificate, byte[] signature) {}

    private SignatureBlock() {}

    /** The signed part followed by the block: the file as written to disk. */
    static byte[] append(byte[] signedPart, PrivateKey key, X509Certificate signer) {
        MessageDigest digest = sha256();
        digest.update(signedPart);
        byte[] block = block(digest.digest(), key, signer);
        byte[] file = Arrays.copyOf(signedPart, signedPart.length + block.length);
        System.arraycopy(block, 0, file, signedPart.length, block.length);
        return file;
    }

    /** As {@link #append}, for a body still in the writer's buffer: a full request is too large to copy lightly. */
    static byte[] append(YamlWriter body, PrivateKey key, X509Certificate signer) {
        MessageDigest digest = sha256();
        body.update(digest);
        return body.bytes(block(digest.digest(), key, signer)).toBytes();
    }

    private static byte[] block(byte[] signedHash, PrivateKey key, X509Certificate signer) {
        requireP256(signer.getPublicKey(), "the signer certificate");
        requirePair(key, signer);
        String block = MARKER + "\n"
                + "algorithm: " + ALGORITHM + "\n"
                + "certificate: " + Base64.getEncoder().encodeToString(encoded(signer)) + "\n"
                + "signature: " + Base64.getEncoder().encodeToString(signHash(key, signedHash)) + "\n";
        return block.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Finds the last marker line and reads the three lines after it. A CR before each LF is tolerated here only
     * so that a file converted to CRLF is refused for what it is, a signature mismatch, rather than as unsigned.
     */
    static Parts split(byte[] raw) throws SyncFileException {
        int marker = lastMarkerLine(raw);
        if (marker < 0) {
            throw new SyncFileException(Reason.NOT_SIGNED, "The file is not signed: it has no line '" + MARKER
                    + "' starting a signature block (was it cut short, or is it not a sync file?)");
        }
        String[] lines = blockLines(raw, marker);
        if (lines.length != KEYS.length) {
            throw new SyncFileException(Reason.NOT_SIGNED, "The signature block is malformed: it has " + lines.length
                    + " line(s) after '" + MARKER + "' where exactly 3 (algorithm, certificate, signature) are expected");
        }
        String[] values = new String[KEYS.length];
        for (int i = 0; i < KEYS.length; i++) {
            String prefix = KEYS[i] + ": ";
            if (!lines[i].startsWith(prefix)) {
                throw new SyncFileException(Reason.NOT_SIGNED, "The signature block is malformed: line " + (i + 1)
                        + " after '" + MARKER + "' must start with '" + prefix.trim() + "'");
            }
            values[i] = lines[i].substring(prefix.length());
        }
        if (!ALGORITHM.equals(values[0])) {
            throw new SyncFileException(Reason.NOT_SIGNED, "The signature block names algorithm '" + Excerpt.of(values[0], 40)
                    + "'; sync files are signed with " + ALGORITHM);
        }
        X509Certificate certificate = certificate(base64(values[1], "certificate"));
        byte[] signature = base64(values[2], "signature");
        if (signature.length == 0) {
            throw new SyncFileException(Reason.NOT_SIGNED, "The signature block has an empty signature");
        }
        try {
            requireP256(certificate.getPublicKey(), "the certificate in the signature block");
        } catch (IllegalArgumentException e) {
            throw new SyncFileException(Reason.NOT_SIGNED, "The signature block cannot be used: " + e.getMessage());
        }
        return new Parts(marker, certificate, signature);
    }

    /**
     * Checks the signature over the signed part, with a hint when the likely cause is a line-ending conversion.
     *
     * @return the lower-case hex SHA-256 of the whole file, as the response quotes the request it answers; computed in
     *         the same pass over the bytes
     */
    static String verify(byte[] raw, Parts parts) throws SyncFileException {
        MessageDigest digest = sha256();
        digest.update(raw, 0, parts.signedLength());
        MessageDigest whole = clone(digest);
        whole.update(raw, parts.signedLength(), raw.length - parts.signedLength());
        if (!verifiesHash(parts.certificate().getPublicKey(), digest.digest(), parts.signature())) {
            throw new SyncFileException(Reason.SIGNATURE_MISMATCH, containsCrLf(raw, parts.signedLength())
                    ? "The signature does not match the file: its line endings were converted to CRLF (by an editor or"
                            + " a text-mode transfer); copy the original file in binary mode"
                    : "The signature does not match the file: it was changed after signing, or signed with a key"
                            + " other than the one in its signature block");
        }
        return HexFormat.of().formatHex(whole.digest());
    }

    /** Lower-case hex SHA-256 of a whole file. */
    static String digest(byte[] raw) {
        return HexFormat.of().formatHex(sha256().digest(raw));
    }

    /**
     * The JDK's SHA-256 uses the CPU's SHA instructions where Bouncy Castle's is plain Java; on a 100 MB request that
     * is most of the signing time. The ECDSA step then signs that hash ({@code NONEwithECDSA}), which is exactly
     * SHA256withECDSA split in two.
     */
    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    private static MessageDigest clone(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests cannot be cloned here", e);
        }
    }

    /** Start of the last line that is exactly the marker (optionally CR-terminated), or -1. */
    private static int lastMarkerLine(byte[] raw) {
        for (int at = raw.length - MARKER_BYTES.length; at >= 0; at--) {
            if ((at == 0 || raw[at - 1] == '\n') && startsWith(raw, at, MARKER_BYTES)) {
                int end = at + MARKER_BYTES.length;
                if (end < raw.length && raw[end] == '\r') {
                    end++;
                }
                if (end < raw.length && raw[end] == '\n') {
                    return at;
                }
            }
        }
        return -1;
    }

    /** The lines after the marker line, without the optional final line break. */
    private static String[] blockLines(byte[] raw, int marker) {
        int start = marker + MARKER_BYTES.length;
        String rest = new String(raw, start, raw.length - start, StandardCharsets.ISO_8859_1);
        rest = rest.startsWith("\r\n") ? rest.substring(2) : rest.substring(1);
        if (rest.endsWith("\n")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        if (rest.isEmpty()) {
            return new String[0];
        }
        String[] lines = rest.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].endsWith("\r")) {
                lines[i] = lines[i].substring(0, lines[i].length() - 1);
            }
        }
        return lines;
    }

    private static boolean startsWith(byte[] raw, int at, byte[] prefix) {
        return Arrays.equals(raw, at, at + prefix.length, prefix, 0, prefix.length);
    }

    private static boolean containsCrLf(byte[] bytes, int length) {
        for (int i = 1; i < length; i++) {
            if (bytes[i] == '\n' && bytes[i - 1] == '\r') {
                return true;
            }
        }
        return false;
    }

    private static byte[] base64(String value, String key) throws SyncFileException {
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new SyncFileException(Reason.NOT_SIGNED,
                    "The signature block is malformed: the " + key + " is not standard base64 on one line");
        }
    }

    private static X509Certificate certificate(byte[] der) throws SyncFileException {
        try {
            Certificate certificate = CertificateFactory.getInstance("X.509", DeviceSignatures.provider())
                    .generateCertificate(new ByteArrayInputStream(der));
            // The factory would ignore bytes after the certificate; refusing them keeps the block canonical.
            if (certificate instanceof X509Certificate x509 && Arrays.equals(x509.getEncoded(), der)) {
                return x509;
            }
        } catch (CertificateException | RuntimeException e) {
            // Falls through to the refusal below: the reason is the same whatever the decoder disliked.
        }
        throw new SyncFileException(Reason.NOT_SIGNED,
                "The signature block is malformed: the certificate is not one DER-encoded X.509 certificate");
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("The signer certificate cannot be encoded", e);
        }
    }

    /** The format fixes the algorithm: a file signed with anything else is not a sync file. */
    private static void requireP256(PublicKey key, String what) {
        if (!(key instanceof ECPublicKey)) {
            throw new IllegalArgumentException(what + " holds a " + key.getAlgorithm()
                    + " key; sync files are signed with ECDSA P-256");
        }
        Object curve = SubjectPublicKeyInfo.getInstance(key.getEncoded()).getAlgorithm().getParameters();
        if (!(curve instanceof ASN1ObjectIdentifier oid) || !SECObjectIdentifiers.secp256r1.equals(oid)) {
            throw new IllegalArgumentException(what + " holds an EC key not on P-256; sync files are signed with ECDSA P-256");
        }
    }

    private static byte[] signHash(PrivateKey key, byte[] hash) {
        try {
            Signature signer = Signature.getInstance("NONEwithECDSA", DeviceSignatures.provider());
            signer.initSign(key);
            signer.update(hash);
            return signer.sign();
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("Cannot sign a sync file with this " + key.getAlgorithm() + " key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " signing failed", e);
        }
    }

    private static boolean verifiesHash(PublicKey key, byte[] hash, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("NONEwithECDSA", DeviceSignatures.provider());
            verifier.initVerify(key);
            verifier.update(hash);
            return verifier.verify(signature);
        } catch (SignatureException | InvalidKeyException | RuntimeException e) {
            // A garbled DER signature or an unusable key: either way the file is not signed by this certificate.
            return false;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("NONEwithECDSA is unavailable", e);
        }
    }

    /** A signature over a fixed hash, checked with the certificate: a wrong key is a caller's bug, caught before writing. */
    private static void requirePair(PrivateKey key, X509Certificate signer) {
        byte[] probe = sha256().digest(MARKER_BYTES);
        if (!verifiesHash(signer.getPublicKey(), probe, signHash(key, probe))) {
            throw new IllegalArgumentException("The private key does not belong to the signer certificate "
                    + signer.getSubjectX500Principal().getName());
        }
    }
}
