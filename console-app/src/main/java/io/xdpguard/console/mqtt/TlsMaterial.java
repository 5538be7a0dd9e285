package io.xdpguard.console.mqtt;

import io.xdpguard.console.profile.ConnectionProfile;
import io.xdpguard.console.profile.ProfileSecrets;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/** TLS from PEM files: a CA bundle to trust, and optionally a client certificate with its PKCS#8 key. */
final class TlsMaterial {
    /** Null members: the system's CAs, no client certificate. */
    record Managers(TrustManagerFactory trust, KeyManagerFactory keys) {
    }

    private TlsMaterial() {
    }

    static Managers managers(ConnectionProfile p, ProfileSecrets secrets)
            throws IOException, GeneralSecurityException {
        TrustManagerFactory tmf = null;
        if (p.caFile() != null) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int i = 0;
            for (Certificate c : certificates(Path.of(p.caFile()))) {
                trust.setCertificateEntry("ca-" + i++, c);
            }
            tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
        }
        KeyManagerFactory kmf = null;
        if (p.clientCertFile() != null) {
            char[] none = new char[0];
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            List<Certificate> chain = List.copyOf(certificates(Path.of(p.clientCertFile())));
            keys.setKeyEntry("client", privateKey(Path.of(p.clientKeyFile()), secrets.keyPassword()), none,
                    chain.toArray(Certificate[]::new));
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, none);
        }
        return new Managers(tmf, kmf);
    }

    private static Collection<? extends Certificate> certificates(Path file)
            throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new GeneralSecurityException("no certificate in " + file);
            }
            return certs;
        }
    }

    private static PrivateKey privateKey(Path file, String password) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file);
        boolean encrypted = pem.contains("BEGIN ENCRYPTED PRIVATE KEY");
        if (!encrypted && !pem.contains("BEGIN PRIVATE KEY")) {
            throw new GeneralSecurityException(file + " is not a PKCS#8 PEM key; convert it with: openssl pkcs8 -topk8 -nocrypt -in key.pem");
        }
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(body);
        PKCS8EncodedKeySpec spec;
        if (encrypted) {
            if (password == null) {
                throw new GeneralSecurityException(file + " is encrypted: set the key password in the profile");
            }
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            var pbe = SecretKeyFactory.getInstance(info.getAlgName()).generateSecret(new PBEKeySpec(password.toCharArray()));
            spec = info.getKeySpec(pbe);
        } else {
            spec = new PKCS8EncodedKeySpec(der);
        }
        for (String alg : List.of("RSA", "EC", "Ed25519", "EdDSA")) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(spec);
            } catch (GeneralSecurityException tryNext) {
                // The PEM does not say the algorithm; the next one may fit.
            }
        }
        throw new GeneralSecurityException("unsupported private key algorithm in " + file);
    }
}
