package org.crmsuite.ticket.customer;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.platform.web.FieldViolation;
import org.crmsuite.platform.web.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Validates the customer of a new ticket: customer-service first (current, and it knows customers the snapshot has
 * not heard of yet), the local snapshot when customer-service cannot answer. Unknown, merged, archived or erased
 * customers are refused (422, naming the customer); with neither source, 503 naming the customer, never a 500.
 */
@Component
public class CustomerDirectory {

    private static final Logger log = LoggerFactory.getLogger(CustomerDirectory.class);

    private final CustomerServiceClient client;
    private final CustomerSnapshots snapshots;

    CustomerDirectory(CustomerServiceClient client, CustomerSnapshots snapshots) {
        this.client = client;
        this.snapshots = snapshots;
    }

    /** The customer as customer-service sees it, else as the snapshot remembers it, else nothing; never fails. */
    public Optional<CustomerInfo> describe(String customerId) {
        try {
            return Optional.of(client.get(customerId));
        } catch (CustomerServiceClient.UnknownCustomer e) {
            return Optional.empty();
        } catch (CustomerServiceClient.Unavailable | CustomerServiceClient.NotPermitted e) {
            return snapshots.find(customerId);
        }
    }

    public CustomerInfo requireOpenable(String customerId) {
        CustomerInfo customer;
        try {
            customer = client.get(customerId);
        } catch (CustomerServiceClient.UnknownCustomer e) {
            throw new CrmProblemException(ProblemType.BUSINESS_RULE_VIOLATED, "customer " + customerId + " does not exist",
                    List.of(new FieldViolation("customerId", "unknown customer")), Map.of("customerId", customerId));
        } catch (CustomerServiceClient.NotPermitted e) {
            // Service staff work tickets of customers owned by sales teams they cannot read in customer-service.
            customer = snapshots.find(customerId).orElseThrow(() -> new CrmProblemException(ProblemType.BUSINESS_RULE_VIOLATED,
                    "customer-service does not let you read customer " + customerId + " and the local snapshot does not know it yet; "
                            + "ask its owner or a data steward, or try again in a moment",
                    List.of(new FieldViolation("customerId", "not readable with your rights")), Map.of("customerId", customerId)));
        } catch (CustomerServiceClient.Unavailable e) {
            Optional<CustomerInfo> snapshot = snapshots.find(customerId);
            if (snapshot.isEmpty()) {
                throw new CrmProblemException(ProblemType.SERVICE_UNAVAILABLE, "customer " + customerId
                        + " cannot be checked now: customer-service is unavailable and the local snapshot does not know it; try again shortly",
                        List.of(new FieldViolation("customerId", "cannot be verified now")), Map.of("customerId", customerId));
            }
            log.info("customer-service unavailable ({}); customer {} checked against the local snapshot", e.getMessage(), customerId);
            customer = snapshot.get();
        }
        if (!customer.active()) {
            String detail = "MERGED".equals(customer.status()) && customer.survivorId() != null
                    ? "customer " + customerId + " was merged into " + customer.survivorId() + "; open the ticket for " + customer.survivorId()
                    : "customer " + customerId + " is " + customer.status() + " and takes no new tickets";
            throw new CrmProblemException(ProblemType.BUSINESS_RULE_VIOLATED, detail,
                    List.of(new FieldViolation("customerId", "customer is " + customer.status())),
                    customer.survivorId() == null ? Map.of("customerId", customerId)
                            : Map.of("customerId", customerId, "survivorId", customer.survivorId()));
        }
        return customer;
    }
}
