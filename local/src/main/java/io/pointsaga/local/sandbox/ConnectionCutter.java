package io.pointsaga.local.sandbox;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Cuts a connection in the middle of a response, the way a network reset looks to a client.
 *
 * <p>Only standard Servlet API, no container internals: the response promises a body of {@value
 * #PROMISED_BODY_LENGTH} bytes, sends a fragment of it and asks for the connection to be closed.
 * The container then sends the headers and the fragment and closes the socket, so the client
 * reaches end of stream before the promised length and fails with an {@code IOException} (the JDK
 * {@code HttpClient} reports a premature EOF) instead of receiving a response.
 */
final class ConnectionCutter {

  static final int PROMISED_BODY_LENGTH = 4096;
  private static final byte[] FRAGMENT = "{\"data\":{".getBytes(StandardCharsets.US_ASCII);

  private ConnectionCutter() {}

  static void cut(HttpServletResponse response) throws IOException {
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType("application/json");
    response.setHeader("Connection", "close");
    response.setContentLength(PROMISED_BODY_LENGTH);
    ServletOutputStream body = response.getOutputStream();
    body.write(FRAGMENT);
    body.flush();
  }
}
