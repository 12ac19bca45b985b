package org.crmsuite.customer.dedup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The periodic duplicate scan (every {@code crm.customer.duplicate-scan-interval}, one hour by default). */
@Component
class DuplicateScan {

    private static final Logger log = LoggerFactory.getLogger(DuplicateScan.class);

    private final DuplicateReviewQueue queue;

    DuplicateScan(DuplicateReviewQueue queue) {
        this.queue = queue;
    }

    @Scheduled(fixedDelayString = "${crm.customer.duplicate-scan-interval:PT1H}", initialDelayString = "${crm.customer.duplicate-scan-interval:PT1H}")
    void run() {
        int scanned;
        do {
            scanned = queue.scan();
            log.info("duplicate scan looked at {} changed customers", scanned);
        } while (scanned == DuplicateReviewQueue.SCAN_BATCH);
    }
}
