package io.clientele;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The web application. Started by {@code ./clientele serve}; features are the packages below this one. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Modulithic(sharedModules = "platform")
public class ClienteleApplication {
    public static void main(String[] args) {
        SpringApplication.run(ClienteleApplication.class, args);
    }
}
