package org.crmsuite.customer;

import org.crmsuite.platform.test.ApiTestClient;
import org.crmsuite.platform.test.UseKafka;
import org.crmsuite.platform.test.UsePostgres;
import org.crmsuite.platform.test.UseTestIssuer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Base of the HTTP tests: real PostgreSQL, Kafka and signed tokens, one Spring context shared by every subclass
 * (same annotations, same configuration, so the context cache hands out the same application); the client and the
 * demo people's tokens come from the platform's {@link ApiTestClient}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsePostgres
@UseKafka
@UseTestIssuer
public abstract class ApiTestSupport extends ApiTestClient {

    @Autowired
    protected JdbcClient db;

    protected long count(String table) {
        return db.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }

    /** A random valid unified social credit code. */
    public static String uscc() {
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        StringBuilder body = new StringBuilder("91");
        for (int i = 0; i < 15; i++) {
            body.append(alphabet.charAt(java.util.concurrent.ThreadLocalRandom.current().nextInt(31)));
        }
        return body.toString() + org.crmsuite.customer.customer.UnifiedSocialCreditCode.checkCharacter(body.toString());
    }

    protected static String etag(ResponseEntity<?> response) {
        return response.getHeaders().getETag();
    }
}
