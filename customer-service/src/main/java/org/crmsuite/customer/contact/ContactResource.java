package org.crmsuite.customer.contact;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.crmsuite.platform.web.IfMatch;
import org.crmsuite.customer.customer.ContactChannel;
import org.crmsuite.customer.history.ChangeHistory;
import org.crmsuite.platform.security.CurrentUser;
import org.crmsuite.platform.security.PersonalData;
import org.crmsuite.platform.security.PersonalDataKind;
import org.crmsuite.platform.security.PersonalDataPolicy;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/customers/{customerId}/contacts")
@Tag(name = "Contacts", description = "The people at a customer; personal data masked for roles without the right, exportable and erasable (PIPL / GDPR)")
class ContactResource {

    static final String PRINTABLE = "^[^\\p{Cntrl}]*$";
    static final String NO_CONTROL = "must not contain control characters";
    static final String IF_MATCH_DOC = "The ETag of the version you edited, e.g. \"0\". Missing: 428; stale: 412.";

    private final ContactBook book;

    ContactResource(ContactBook book) {
        this.book = book;
    }

    @GetMapping
    @Operation(summary = "The customer's contacts, primary first", description = "Names, phones and emails are masked for analysts, marketing and integration clients.")
    List<ContactView> list(@PathVariable UUID customerId) {
        return book.of(customerId, CurrentUser.current()).stream().map(ContactView::of).toList();
    }

    @GetMapping("/{contactId}")
    @Operation(summary = "One contact")
    ResponseEntity<ContactView> get(@PathVariable UUID customerId, @PathVariable UUID contactId) {
        return withETag(book.get(customerId, contactId, CurrentUser.current()));
    }

    @PostMapping
    @Operation(summary = "Add a contact", description = "Phones are stored in E.164 (13812345678 → +8613812345678, 010-12345678 → "
            + "+861012345678), emails lower-cased. A primary contact demotes the previous one. Records crm.contact.added.v1.")
    @ApiResponse(responseCode = "201", description = "Added; ETag carries the version")
    @ApiResponse(responseCode = "400", description = "validation-failed, e.g. phones[1] is not a phone number")
    ResponseEntity<ContactView> add(@PathVariable UUID customerId, @Valid @RequestBody ContactRequest request) {
        Contact contact = book.add(customerId, ContactDetails.standardise(request.details()), CurrentUser.current());
        return ResponseEntity.created(URI.create("/api/v1/customers/" + customerId + "/contacts/" + contact.id()))
                .eTag(Long.toString(contact.version())).body(ContactView.of(contact));
    }

    @PutMapping("/{contactId}")
    @Operation(summary = "Change a contact", description = "Replaces every field. Records the history and crm.contact.updated.v1.")
    @ApiResponse(responseCode = "412", description = "stale-version")
    @ApiResponse(responseCode = "428", description = "version-required")
    ResponseEntity<ContactView> update(@PathVariable UUID customerId, @PathVariable UUID contactId,
                                       @Parameter(in = ParameterIn.HEADER, description = IF_MATCH_DOC, example = "\"0\"")
                                       @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch,
                                       @Valid @RequestBody ContactRequest request) {
        long version = IfMatch.version(ifMatch);
        return withETag(book.update(customerId, contactId, version, ContactDetails.standardise(request.details()), CurrentUser.current()));
    }

    @DeleteMapping("/{contactId}")
    @Operation(summary = "Remove a contact", description = "The person left or was entered by mistake: status REMOVED, kept with its "
            + "history, no longer listed. To erase a person's data on request, use POST /{contactId}/erase.")
    ResponseEntity<ContactView> remove(@PathVariable UUID customerId, @PathVariable UUID contactId,
                                       @Parameter(in = ParameterIn.HEADER, description = IF_MATCH_DOC, example = "\"0\"")
                                       @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        return withETag(book.remove(customerId, contactId, IfMatch.version(ifMatch), CurrentUser.current()));
    }

    @GetMapping("/{contactId}/export")
    @Operation(summary = "Export all of a person's data (PIPL / GDPR access request)", description = "The contact and every recorded "
            + "change to it, unmasked, as JSON. Data stewards and admins only.")
    PersonalDataExportView export(@PathVariable UUID customerId, @PathVariable UUID contactId) {
        return PersonalDataExportView.of(book.export(customerId, contactId, CurrentUser.current()));
    }

    @PostMapping("/{contactId}/erase")
    @Operation(summary = "Erase a person's data (PIPL / GDPR erasure request)", description = "Anonymises the contact in place (the "
            + "record stays as ERASED so references and history keep their shape), blanks the personal values in its history and "
            + "records crm.contact.erased.v1 so every consumer erases its copies. Data stewards and admins only. Idempotent.")
    ResponseEntity<ContactView> erase(@PathVariable UUID customerId, @PathVariable UUID contactId) {
        return withETag(book.erase(customerId, contactId, CurrentUser.current()));
    }

    private static ResponseEntity<ContactView> withETag(Contact contact) {
        return ResponseEntity.ok().eTag(Long.toString(contact.version())).body(ContactView.of(contact));
    }

    @Schema(description = "A contact's facts")
    record ContactRequest(
            @Schema(example = "张伟", requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank @Size(max = 100) @Pattern(regexp = PRINTABLE, message = NO_CONTROL) String name,
            @Schema(example = "采购经理") @Size(max = 100) @Pattern(regexp = PRINTABLE, message = NO_CONTROL) String title,
            @Schema(example = "[\"13812345678\", \"010-12345678\"]") @Size(max = ContactDetails.MAX_PHONES) List<@Size(max = 30) String> phones,
            @Schema(example = "Zhang.Wei@Yunqi.Example.CN") @Size(max = 254) String email,
            @Schema(example = "WECHAT") ContactChannel preferredChannel,
            @Schema(description = "The customer's main contact; only one per customer", example = "true") Boolean primary) {

        ContactDetails details() {
            return new ContactDetails(name, title, phones, email, preferredChannel, Boolean.TRUE.equals(primary));
        }
    }

    @Schema(description = "A contact; name, phones and email are masked for roles without the right to see personal data")
    record ContactView(UUID id, UUID customerId,
                       @Schema(example = "张伟") @PersonalData(PersonalDataKind.PERSON_NAME) String name,
                       @Schema(example = "采购经理") String title,
                       @Schema(example = "[\"+8613812345678\"]", description = "E.164; masked like +861******5678") List<String> phones,
                       @Schema(example = "zhang.wei@yunqi.example.cn") @PersonalData(PersonalDataKind.EMAIL) String email,
                       ContactChannel preferredChannel, boolean primary, ContactStatus status, long version,
                       Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {

        static ContactView of(Contact c) {
            // @PersonalData masks single strings; a list of phones is masked item by item with the same policy.
            List<String> phones = c.phones().stream().map(p -> PersonalDataPolicy.maskUnlessAllowed(p, PersonalDataKind.PHONE)).toList();
            return new ContactView(c.id(), c.customerId(), c.name(), c.title(), phones, c.email(), c.preferredChannel(), c.primary(),
                    c.status(), c.version(), c.createdAt(), c.createdBy(), c.updatedAt(), c.updatedBy());
        }
    }

    @Schema(description = "Everything held about a person")
    record PersonalDataExportView(UUID contactId, UUID customerId, String name, String title, List<String> phones, String email,
                                  ContactChannel preferredChannel, boolean primary, ContactStatus status, Instant createdAt,
                                  String createdBy, Instant updatedAt, String updatedBy, List<ChangeHistory.Entry> history,
                                  Instant exportedAt, String exportedBy) {

        static PersonalDataExportView of(ContactBook.PersonalDataExport export) {
            Contact c = export.contact();
            return new PersonalDataExportView(c.id(), c.customerId(), c.name(), c.title(), c.phones(), c.email(), c.preferredChannel(),
                    c.primary(), c.status(), c.createdAt(), c.createdBy(), c.updatedAt(), c.updatedBy(), export.history(),
                    export.exportedAt(), export.exportedBy());
        }
    }
}
