package org.crmsuite.analytics.customer;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.crmsuite.analytics.model.ChurnRisk;
import org.crmsuite.analytics.model.Customer360;
import org.crmsuite.analytics.model.InvoiceFact;
import org.crmsuite.analytics.model.OrderFact;
import org.crmsuite.analytics.model.TicketFact;
import org.crmsuite.platform.security.PersonalData;
import org.crmsuite.platform.security.PersonalDataKind;

/** The customer 360 as the API shows it; phone and email only for roles that may see personal data. */
@Schema(example = """
        {"customerId":"6f1c...","mergedCustomerIds":[],"profile":{"customerId":"6f1c...","code":"C-000123","legalName":"杭州示例科技有限公司",
         "valueTier":"KEY","lifecycleStage":"ACTIVE","status":"ACTIVE","ownerId":"rep","department":"/sales/east","phone":"+86***5678"},
         "openTickets":[],"ticketCount":3,"csatAverage":4.5,"pipeline":{"openCount":1,"openValue":"120000.00","weightedValue":"60000.00","wonCount":2,"wonRevenue":"380000.00","lostCount":0},
         "orderTotal":"512000.00","overdueAmount":"0","churnRisk":{"score":20,"reasons":[{"rule":"NO_CONTACT","points":20,"detail":"no contact since ..."}]},
         "timeline":[{"at":"2026-05-01T02:00:00Z","type":"erp.order.placed.v1","summary":"Order SO-1 placed (12000.00 CNY)"}]}""")
public record Customer360View(String customerId, String requestedId, List<String> mergedCustomerIds, Profile profile,
                              List<TicketFact> openTickets, List<TicketFact> recentTickets, int ticketCount,
                              List<Customer360.Rating> satisfaction, Double csatAverage, Customer360.Pipeline pipeline,
                              List<OrderFact> orders, BigDecimal orderTotal, List<InvoiceFact> invoices, BigDecimal overdueAmount,
                              Instant lastContactAt, ChurnRisk churnRisk, List<Customer360.TimelineEntry> timeline) {

    public record Profile(String customerId, String code, String legalName, String shortName, String uscc, String ownerId,
                          String department, String valueTier, String lifecycleStage, String status,
                          @PersonalData(PersonalDataKind.PHONE) String phone, @PersonalData(PersonalDataKind.EMAIL) String email,
                          Instant createdAt, Instant updatedAt) {
    }
}
