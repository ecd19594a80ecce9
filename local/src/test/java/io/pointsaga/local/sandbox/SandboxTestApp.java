package io.pointsaga.local.sandbox;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Profile;

/**
 * The simulated platform alone in a web application, for the sandbox tests ({@link SandboxWebTest}
 * switches off the database and Temporal auto-configurations).
 *
 * <p>The embedded application's component scan covers this package, test classes included when its
 * own tests run; the profile keeps this configuration out of every context but the sandbox tests'
 * own.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan("io.pointsaga.local.sandbox")
@Profile(SandboxTestApp.PROFILE)
class SandboxTestApp {

  static final String PROFILE = "sandbox-test";
}
