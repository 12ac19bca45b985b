package org.crmsuite.platform.it;

final class TestApps {

    static final String MONGO_AUTOCONFIG = "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration,"
            + "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration,"
            + "org.springframework.boot.data.mongodb.autoconfigure.DataMongoRepositoriesAutoConfiguration";

    private TestApps() {
    }
}
