package org.crmsuite.customer.importing;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.crmsuite.customer.customer.Customer;
import org.crmsuite.customer.customer.CustomerRegistry;
import org.crmsuite.customer.customer.CustomerSearch;
import org.crmsuite.customer.customer.CustomerStatus;
import org.crmsuite.customer.customer.LifecycleStage;
import org.crmsuite.customer.customer.ValueTier;
import org.crmsuite.platform.security.CurrentUser;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Import and export")
class CustomerExportResource {

    static final int PAGE = 500;
    static final List<String> HEADER = List.of("code", "legalName", "shortName", "uscc", "foreignCompany", "industry", "size",
            "province", "city", "district", "street", "website", "phone", "email", "lifecycleStage", "valueTier", "tags",
            "sourceChannel", "status", "ownerId", "department", "createdAt", "updatedAt");

    private final CustomerRegistry registry;

    CustomerExportResource(CustomerRegistry registry) {
        this.registry = registry;
    }

    @GetMapping("/api/v1/customers/export.csv")
    @Operation(summary = "Export the customers you may see as CSV", description = "Same filters as the list; streamed page by page, "
            + "ordered by code. UTF-8 with a byte-order mark (so Excel reads Chinese), or GBK for older tools. Cells a spreadsheet "
            + "would run as formulas are prefixed with an apostrophe. Tags are joined with ';'.")
    void export(@RequestParam(required = false) String code, @RequestParam(required = false) String uscc,
                @RequestParam(required = false) String phone, @RequestParam(required = false) String tag,
                @RequestParam(required = false) ValueTier tier, @RequestParam(required = false) LifecycleStage stage,
                @RequestParam(required = false) String owner, @RequestParam(required = false) String department,
                @RequestParam(required = false) String province, @RequestParam(required = false) String city,
                @RequestParam(required = false) String district, @RequestParam(required = false) CustomerStatus status,
                @Parameter(description = "UTF-8 (default) or GBK", example = "UTF-8")
                @RequestParam(defaultValue = "UTF-8") @Pattern(regexp = "(?i)UTF-8|GBK", message = "must be UTF-8 or GBK") String encoding,
                HttpServletResponse response) throws IOException {
        CurrentUser user = CurrentUser.current();
        CustomerSearch search = new CustomerSearch(code, uscc, phone, tag, tier, stage, owner, department, province, city, district, status);
        Charset charset = encoding.equalsIgnoreCase("GBK") ? Charset.forName("GBK") : StandardCharsets.UTF_8;
        response.setContentType("text/csv; charset=" + charset.name());
        response.setHeader("Content-Disposition", "attachment; filename=\"customers.csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), charset);
        if (charset == StandardCharsets.UTF_8) {
            out.write('\uFEFF');
        }
        out.write(CsvCells.line(HEADER));
        Page<Customer> page;
        int number = 0;
        do {
            page = registry.list(user, search, PageRequest.of(number++, PAGE, Sort.by("code")));
            for (Customer c : page) {
                out.write(CsvCells.line(Arrays.asList(c.code(), c.legalName(), c.shortName(), c.uscc(), c.foreignCompany(), c.industry(),
                        c.size(), c.province(), c.city(), c.district(), c.street(), c.website(), c.phone(), c.email(),
                        c.lifecycleStage(), c.valueTier(), String.join(";", c.tags()), c.sourceChannel(), c.status(), c.ownerId(),
                        c.department(), c.createdAt(), c.updatedAt())));
            }
            out.flush();
        } while (page.hasNext());
    }
}
