package io.pointsaga.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pointsaga.local.EmbeddedStack.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SPEC §8 and finding 4 of issue 7, over HTTP on the embedded stack: one customer's simultaneous
 * redemptions are serialised without deadlocks. 20 redemptions of a 100-point reward at once by a
 * customer with 350 points give exactly 3 x 201 and 17 x 422 {@code insufficient_points}, each
 * answered within 2 s.
 */
class ConcurrentRedemptionsEndToEndTest {
  private static final int REQUESTS = 20;
  private static final Duration EACH_WITHIN = Duration.ofSeconds(2);

  private static EmbeddedStack stack;

  @BeforeAll
  static void start() {
    stack = EmbeddedStack.get();
  }

  private record Answer(Response response, Duration took) {}

  @Test
  void twentySimultaneousRedemptionsGiveThreeIssuedAndSeventeenInsufficientPointsWithinTwoSeconds()
      throws Exception {
    String customer = "twenty-" + UUID.randomUUID().toString().substring(0, 8);
    Response reward =
        stack.api(
            "POST",
            "/rewards",
            "{\"name\": \"$1 off\", \"pointsCost\": 100, \"discountAmount\": 1.00}");
    assertThat(reward.status()).as("reward created: %s", reward.body()).isEqualTo(201);
    long rewardId = reward.body().get("rewardId").asLong();
    Response adjusted =
        stack.api(
            "POST",
            "/customers/" + customer + "/adjustments",
            Map.of("points", 350, "note", "for the 20-way test"));
    assertThat(adjusted.status()).isEqualTo(201);

    // Warm-up on another customer, so the measurement is the steady state and not class loading.
    String warmUp = customer + "-warm-up";
    stack.api(
        "POST", "/customers/" + warmUp + "/adjustments", Map.of("points", 100, "note", "warm-up"));
    assertThat(
            stack
                .api("POST", "/customers/" + warmUp + "/redemptions", Map.of("rewardId", rewardId))
                .status())
        .isEqualTo(201);

    List<Answer> answers = simultaneously(customer, rewardId);

    Duration slowest = answers.stream().map(Answer::took).max(Duration::compareTo).orElseThrow();
    System.out.printf(
        "20 simultaneous redemptions: slowest answer %d ms, statuses %s%n",
        slowest.toMillis(), answers.stream().map(a -> a.response().status()).sorted().toList());
    assertThat(answers)
        .filteredOn(a -> a.response().status() == 201)
        .as("issued")
        .hasSize(3)
        .allSatisfy(
            a -> assertThat(a.response().body().get("couponCode").asText()).startsWith("PTS-"));
    assertThat(answers)
        .filteredOn(a -> a.response().status() == 422)
        .as("refused")
        .hasSize(17)
        .allSatisfy(
            a ->
                assertThat(a.response().body().get("error").asText())
                    .isEqualTo("insufficient_points"));
    assertThat(slowest).as("slowest of the 20 answers").isLessThan(EACH_WITHIN);
    for (Answer a : answers) {
      assertThat(a.response().body().toString())
          .as("answers carry no SQL or driver messages")
          .doesNotContainIgnoringCase("sql")
          .doesNotContain("deadlock", "Exception");
    }

    JsonNode view = stack.api("GET", "/customers/" + customer, null).body();
    assertThat(view.get("pointsBalance").asLong()).isEqualTo(50);
    long sumOfEntries = 0;
    for (JsonNode entry :
        stack.api("GET", "/customers/" + customer + "/activity", null).body().get("entries")) {
      if (entry.hasNonNull("points")) {
        sumOfEntries += entry.get("points").asLong();
      }
    }
    assertThat(sumOfEntries).as("cached balance equals the sum of the entries").isEqualTo(50);
  }

  private static List<Answer> simultaneously(String customer, long rewardId) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(REQUESTS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Answer>> futures = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  long began = System.nanoTime();
                  Response response =
                      stack.api(
                          "POST",
                          "/customers/" + customer + "/redemptions",
                          Map.of("rewardId", rewardId));
                  return new Answer(response, Duration.ofNanos(System.nanoTime() - began));
                }));
      }
      start.countDown();
      List<Answer> answers = new ArrayList<>();
      for (Future<Answer> future : futures) {
        answers.add(future.get(60, TimeUnit.SECONDS));
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }
}
