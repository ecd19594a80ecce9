package io.pointsaga.starter.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's own error answers (an encoded '/' or a NUL in the path, a malformed request) as {@code
 * {"error", "message"}} with the security headers, instead of Tomcat's HTML page naming its
 * version. Installed on the host by {@link TomcatErrorCustomizer}.
 */
public class JsonErrorReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(false);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    try {
      response.setContentType("application/json");
      response.setCharacterEncoding("utf-8");
      SecurityHeaders.apply(response, null);
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(ErrorWords.json(status));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // the client is gone or the answer already started: nothing more to say
    }
  }
}
