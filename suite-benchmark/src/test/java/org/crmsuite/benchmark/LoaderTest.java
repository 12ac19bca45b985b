package org.crmsuite.benchmark;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoaderTest {

    @Test
    void onlyTicketServicesTryAgainAnswerIsRetried() {
        String tryAgain = "{\"detail\":\"customer-service does not let you read customer 1 and the local snapshot does not know it yet; "
                + "ask its owner or a data steward, or try again in a moment\",\"status\":422}";
        assertThat(Loader.isTryAgainLater(new Api.Answer(422, tryAgain, null, 0))).isTrue();
        assertThat(Loader.isTryAgainLater(new Api.Answer(422, "{\"detail\":\"subject must not be blank\"}", null, 0))).isFalse();
        assertThat(Loader.isTryAgainLater(new Api.Answer(201, "{}", null, 0))).isFalse();
        assertThat(Loader.isTryAgainLater(new Api.Answer(422, null, null, 0))).isFalse();
    }
}
