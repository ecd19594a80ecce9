package io.pointsaga.starter.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Gives the MVC JSON converter its own strict copy of Boot's mapper ({@link StrictJson}), so every
 * {@code @RequestBody} is read by one policy while Boot's shared mapper, which also writes the
 * webhook inbox and other internal JSON, stays as it is.
 */
@Configuration
class StrictJsonConfiguration implements WebMvcConfigurer {
  private final ObjectMapper strict;

  StrictJsonConfiguration(ObjectMapper boot) {
    this.strict = StrictJson.strictCopyOf(boot);
  }

  @Override
  public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
    for (HttpMessageConverter<?> converter : converters) {
      if (converter instanceof MappingJackson2HttpMessageConverter json) {
        json.setObjectMapper(strict);
      }
    }
  }
}
