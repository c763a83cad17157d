package org.amalgam.ingest.jdbc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Keeps the passwords of department databases at rest: encrypted with AES-GCM when {@code amalgam.secrets.key} holds a
 * key (Base64 of 16, 24 or 32 random bytes), otherwise as they are, marked so that setting a key later still reads
 * them. Amalgam needs the password itself to log in, so it cannot keep only a hash.
 */
@Component
class SecretBox {

    private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
    private static final String ENCRYPTED = "{aes-gcm}";
    private static final String PLAIN = "{plain}";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    SecretBox(@Value("${amalgam.secrets.key:}") String key) {
        this.key = key == null || key.isBlank() ? null : key(key.strip());
    }

    private static SecretKeySpec key(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "amalgam.secrets.key must be Base64, e.g. the output of" + " 'openssl rand -base64 32'");
        }
        if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
            throw new IllegalStateException("amalgam.secrets.key must hold 16, 24 or 32 bytes (it holds " + bytes.length
                    + "); create one with 'openssl rand -base64 32'");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    boolean encrypts() {
        return key != null;
    }

    /** The form to store; null stays null. */
    String seal(String password) {
        if (password == null) {
            return null;
        }
        if (key == null) {
            return PLAIN + password;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(password.getBytes(StandardCharsets.UTF_8));
            return ENCRYPTED
                    + Base64.getEncoder()
                            .encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                                    .put(iv)
                                    .put(sealed)
                                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encrypt a password", e);
        }
    }

    /** The password from its stored form; null stays null. */
    String open(String stored) {
        if (stored == null) {
            return null;
        }
        if (stored.startsWith(PLAIN)) {
            return stored.substring(PLAIN.length());
        }
        if (!stored.startsWith(ENCRYPTED)) {
            return stored;
        }
        if (key == null) {
            throw new PullFailedException("The stored password is encrypted, but amalgam.secrets.key is not set;"
                    + " start Amalgam with the key it had when the password was saved, or save the password again.");
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(stored.substring(ENCRYPTED.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            byte[] plain = cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            log.warn("A stored password could not be decrypted with amalgam.secrets.key");
            throw new PullFailedException("The stored password cannot be decrypted with the current"
                    + " amalgam.secrets.key; save the password again.");
        }
    }
}
