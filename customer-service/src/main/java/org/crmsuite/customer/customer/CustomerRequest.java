package org.crmsuite.customer.customer;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of POST and PUT /api/v1/customers, of the duplicate check, and one row of a CSV import. */
@Schema(description = "A customer's facts, to register (POST) or to replace (PUT)")
public record CustomerRequest(
        @Schema(example = "杭州云栖科技有限公司", requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank @Size(max = 200) @Pattern(regexp = CustomerResource.PRINTABLE, message = CustomerResource.NO_CONTROL) String legalName,
        @Schema(example = "云栖科技") @Size(max = 100) @Pattern(regexp = CustomerResource.PRINTABLE, message = CustomerResource.NO_CONTROL) String shortName,
        @Schema(example = "91330106MA27XY812F", description = "Unified social credit code, 18 characters (GB 32100-2015); optional for foreign companies") @Size(max = 18, message = "must have 18 characters") String uscc,
        @Schema(description = "Registered abroad, so it has no USCC", example = "false") Boolean foreignCompany,
        @Schema(example = "软件和信息技术服务业") @Size(max = 100) @Pattern(regexp = CustomerResource.PRINTABLE, message = CustomerResource.NO_CONTROL) String industry,
        @Schema(example = "MEDIUM") CompanySize size,
        @Schema(example = "浙江省") @Size(max = 50) @Pattern(regexp = CustomerResource.PRINTABLE, message = CustomerResource.NO_CONTROL) String province,
        @Schema(example = "杭州市") @Size(max = 50) @Pattern(regexp = CustomerResource.PRINTABLE, message = CustomerResource.NO_CONTROL) String city,
        @Schema(example = "西湖区") @Size(max = 50) @Pattern(regexp = CustomerResource.PRINTABLE, message = CustomerResource.NO_CONTROL) String district,
        @Schema(example = "文三路 90 号 5 楼") @Size(max = 200) @Pattern(regexp = CustomerResource.PRINTABLE, message = CustomerResource.NO_CONTROL) String street,
        @Schema(example = "https://www.yunqi.example.cn") @Size(max = 300) @Pattern(regexp = CustomerResource.PRINTABLE, message = CustomerResource.NO_CONTROL) String website,
        @Schema(example = "0571-88886666", description = "Switchboard; stored in E.164 (+8657188886666)") @Size(max = 30) String phone,
        @Schema(example = "info@yunqi.example.cn") @Size(max = 254) String email,
        @Schema(description = "Parent company in a group (no cycles)") UUID parentId,
        @Schema(description = "Set on registration only; change it later with PUT /{id}/lifecycle-stage", example = "PROSPECT") LifecycleStage lifecycleStage,
        @Schema(example = "KEY") ValueTier valueTier,
        @Schema(example = "[\"重点客户\", \"SaaS\"]") @Size(max = CustomerDetails.MAX_TAGS) List<@Size(min = 1, max = 50) @Pattern(regexp = CustomerResource.PRINTABLE, message = CustomerResource.NO_CONTROL) String> tags,
        @Schema(example = "SALES_VISIT") SourceChannel sourceChannel,
        @Schema(description = "Agreed to receive marketing", example = "true") Boolean marketingConsent,
        @Schema(example = "EMAIL") ContactChannel preferredChannel,
        @Schema(description = "Do not call, mail or visit", example = "false") Boolean doNotContact,
        @Schema(description = "Owner's user id; defaults to the caller on registration, kept when left out on PUT", example = "rep") @Size(max = 100) @Pattern(regexp = CustomerResource.PRINTABLE, message = CustomerResource.NO_CONTROL) String ownerId,
        @Schema(description = "Owning department (group path); defaults to the caller's", example = "/sales/east") @Size(max = 200) @Pattern(regexp = "^(/[^/\\p{Cntrl}]+)+$", message = "must be a group path such as /sales/east") String department,
        @Schema(description = "Register (POST) or save (PUT) even though possible duplicates exist (never with an existing USCC)", example = "false") Boolean createAnyway,
        @Schema(description = "PUT: save even though the changed name, phone, email or website make it a possible duplicate (the same as createAnyway)", example = "false") Boolean saveAnyway) {

    public CustomerDetails details() {
        return new CustomerDetails(legalName, shortName, uscc, Boolean.TRUE.equals(foreignCompany), industry, size, province,
                city, district, street, website, phone, email, parentId, valueTier, tags, sourceChannel,
                Boolean.TRUE.equals(marketingConsent), preferredChannel, Boolean.TRUE.equals(doNotContact));
    }
}
