package io.clientele.platform.db;

import com.zaxxer.hikari.HikariDataSource;
import io.clientele.platform.ClienteleProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The data source over {@link Database}. {@code ./clientele serve} opens the database before Spring starts (so
 * that a bad database gives a message, not a stack trace) and hands it in; tests let this class open it.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    Database database(ClienteleProperties properties) {
        ClienteleProperties.Db db = properties.db();
        return Database.open(
                new DatabaseSettings(properties.dataDir(), db.url(), db.user(), db.password(), db.durability()));
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(Database database) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName("clientele");
        dataSource.setJdbcUrl(database.jdbcUrl());
        dataSource.setUsername(database.user());
        dataSource.setPassword(database.password());
        dataSource.setMaximumPoolSize(10);
        return dataSource;
    }
}
