package io.clientele.identity;

import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Who people are, in the web application and in commands alike: users from the database, BCrypt passwords. */
@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    UserDetailsService userDetailsService(UserAccounts accounts) {
        return username -> accounts.credentials(username)
                .map(c -> User.withUsername(c.username())
                        .password(c.passwordHash())
                        .disabled(!c.enabled())
                        .authorities(authoritiesOf(c.role()))
                        .build())
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }

    /** A person's authorities: the role, plus the API scopes the role implies. */
    static List<GrantedAuthority> authoritiesOf(Role role) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority(role.authority()));
        role.scopes().forEach(s -> authorities.add(new SimpleGrantedAuthority(s.authority())));
        return authorities;
    }
}
