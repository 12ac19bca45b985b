package org.crmsuite.localstack.demo;

import java.util.List;

/**
 * The demo data sets, in the order they load: a later set may look up what an earlier one created (tickets and deals
 * refer to customers).
 *
 * <p>The design asks for customers with duplicates to find, tickets at every status, a pipeline with won and lost
 * deals, and a campaign. Each service's issue adds its set here once its API exists, for example
 * {@code new CustomerDemoData()} first, then {@code TicketDemoData}, {@code SalesDemoData}, {@code CampaignDemoData}.
 */
public final class DemoDataSets {

    public static final List<DemoData> ALL = List.of(new CustomerDemoData(), new TicketDemoData(), new SalesDemoData());

    private DemoDataSets() {
    }
}
