package io.clientele.identity;

import io.clientele.platform.ClienteleProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Encrypts second-factor secrets with AES-GCM under a key that is not in the database ({@code clientele.login.totp-key},
 * else a key file in the data folder), so that a copy of the database alone yields no secrets. The user name is
 * authenticated data: a secret copied to another user's row does not decrypt.
 */
@Component
class TotpSecretBox {
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private final SecureRandom random = new SecureRandom();
    private final LoginProperties login;
    private final Path keyFile;
    private volatile @Nullable SecretKey key;

    TotpSecretBox(LoginProperties login, ClienteleProperties clientele) {
        this.login = login;
        this.keyFile = clientele.dataDir().resolve("secrets").resolve("totp.key");
    }

    byte[] seal(String username, byte[] secret) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, username, iv, secret);
        return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
    }

    byte[] open(String username, byte[] box) {
        return crypt(
                Cipher.DECRYPT_MODE,
                username,
                Arrays.copyOf(box, IV_BYTES),
                Arrays.copyOfRange(box, IV_BYTES, box.length));
    }

    private byte[] crypt(int mode, String username, byte[] iv, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key(), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(username.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "second-factor secret of " + username + " cannot be "
                            + (mode == Cipher.ENCRYPT_MODE ? "encrypted" : "decrypted (another key?)"),
                    e);
        }
    }

    private SecretKey key() {
        SecretKey k = key;
        if (k == null) {
            byte[] bytes = login.totpKey() != null
                    ? Base64.getDecoder().decode(login.totpKey().strip())
                    : keyFileBytes();
            k = key = new SecretKeySpec(bytes, "AES");
        }
        return k;
    }

    /** The key file's key, created with owner-only permissions the first time; several processes agree on it. */
    private byte[] keyFileBytes() {
        try {
            if (!Files.exists(keyFile)) {
                Files.createDirectories(keyFile.getParent());
                byte[] fresh = new byte[32];
                random.nextBytes(fresh);
                Path temporary = Files.createTempFile(keyFile.getParent(), "totp", ".key");
                try {
                    Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the folder's permissions protect it
                }
                Files.write(temporary, Base64.getEncoder().encode(fresh));
                try {
                    // a link, not a move, so that a file another process created first is kept
                    Files.createLink(keyFile, temporary);
                } catch (FileAlreadyExistsException e) {
                    // the other process's key wins
                } finally {
                    Files.delete(temporary);
                }
            }
            return Base64.getDecoder().decode(Files.readString(keyFile).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + keyFile, e);
        }
    }
}
