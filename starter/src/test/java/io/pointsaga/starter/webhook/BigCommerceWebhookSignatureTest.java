package io.pointsaga.starter.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.Opcodes;

/**
 * The check of the secret header BigCommerce sends with each webhook: the shop's own secret passes,
 * anything else (another shop's, a near miss, nothing) does not, and the comparison takes the same
 * time wherever the header differs.
 */
class BigCommerceWebhookSignatureTest {

  private static final String SECRET = "bcwh_Q2x9mV4tR7pL1sK8dF3gH6jZ";

  /** The secret of another shop of the same installation: same shape, same length. */
  private static final String OTHER_SHOPS_SECRET = "bcwh_W8n3cB5yE1uT6oA9iS2dG4hK";

  @Test
  void acceptsTheShopsSecret() {
    assertThat(BigCommerceWebhookSignature.matches(SECRET, new String(SECRET.toCharArray())))
        .isTrue();
  }

  @Test
  void acceptsASecretOutsideAscii() {
    String secret = "clé-secrète-€-" + SECRET;
    assertThat(BigCommerceWebhookSignature.matches(secret, new String(secret.toCharArray())))
        .isTrue();
  }

  @Test
  void refusesAnotherShopsSecretAndAcceptsItForThatShop() {
    assertThat(OTHER_SHOPS_SECRET).hasSameSizeAs(SECRET);
    assertThat(BigCommerceWebhookSignature.matches(SECRET, OTHER_SHOPS_SECRET)).isFalse();
    assertThat(BigCommerceWebhookSignature.matches(OTHER_SHOPS_SECRET, SECRET)).isFalse();
    assertThat(BigCommerceWebhookSignature.matches(OTHER_SHOPS_SECRET, OTHER_SHOPS_SECRET))
        .isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "bcwh_Q2x9mV4tR7pL1sK8dF3gH6jz", // last character's case
        "Bcwh_Q2x9mV4tR7pL1sK8dF3gH6jZ", // first character's case
        "BCWH_Q2X9MV4TR7PL1SK8DF3GH6JZ",
        "bcwh_Q2x9mV4tR7pL1sK8dF3gH6j", // a prefix
        "cwh_Q2x9mV4tR7pL1sK8dF3gH6jZ", // a suffix
        "bcwh_Q2x9mV4tR7pL1sK8dF3gH6jZ ", // trailing space: not trimmed away
        " bcwh_Q2x9mV4tR7pL1sK8dF3gH6jZ",
        "bcwh_Q2x9mV4tR7pL1sK8dF3gH6jZbcwh_Q2x9mV4tR7pL1sK8dF3gH6jZ",
        "another-shops-secret"
      })
  void refusesAnythingButTheExactSecret(String header) {
    assertThat(BigCommerceWebhookSignature.matches(SECRET, header)).isFalse();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  ", "\t"})
  void refusesAMissingEmptyOrBlankHeader(String header) {
    assertThat(BigCommerceWebhookSignature.matches(SECRET, header)).isFalse();
  }

  @ParameterizedTest
  @NullAndEmptySource
  void neverMatchesWhenTheShopHasNoSecret(String secret) {
    assertThat(BigCommerceWebhookSignature.matches(secret, "")).isFalse();
    assertThat(BigCommerceWebhookSignature.matches(secret, null)).isFalse();
    assertThat(BigCommerceWebhookSignature.matches(secret, SECRET)).isFalse();
  }

  /**
   * Timing cannot be measured reliably in a unit test, so the compiled code is read instead: the
   * header and the secret are compared by {@code MessageDigest.isEqual} (constant time for equal
   * lengths; both sides are SHA-256 digests, so always 32 bytes), never by a method that stops at
   * the first differing character.
   */
  @Test
  void comparesInConstantTime() throws IOException {
    List<String> calls = methodsCalledBy(BigCommerceWebhookSignature.class);

    assertThat(calls).contains("java/security/MessageDigest.isEqual");
    assertThat(calls)
        .as("short-circuiting comparisons")
        .noneMatch(
            call ->
                call.endsWith(".equals")
                    || call.endsWith(".equalsIgnoreCase")
                    || call.endsWith(".contentEquals")
                    || call.endsWith(".compareTo")
                    || call.endsWith(".mismatch")
                    || call.endsWith(".regionMatches")
                    || call.endsWith(".startsWith")
                    || call.endsWith(".endsWith")
                    || call.endsWith(".hashCode"));
  }

  /** Every method invocation in the class's bytecode, as {@code owner.name}. */
  private static List<String> methodsCalledBy(Class<?> type) throws IOException {
    List<String> calls = new ArrayList<>();
    try (InputStream bytes =
        type.getResourceAsStream(type.getSimpleName().replace('.', '$') + ".class")) {
      assertThat(bytes).as("bytecode of %s", type).isNotNull();
      new ClassReader(bytes)
          .accept(
              new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(
                    int access,
                    String name,
                    String descriptor,
                    String signature,
                    String[] exceptions) {
                  return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(
                        int opcode,
                        String owner,
                        String method,
                        String methodDescriptor,
                        boolean isInterface) {
                      calls.add(owner + "." + method);
                    }
                  };
                }
              },
              ClassReader.SKIP_DEBUG);
    }
    return calls;
  }
}
