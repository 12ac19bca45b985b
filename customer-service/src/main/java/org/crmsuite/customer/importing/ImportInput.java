package org.crmsuite.customer.importing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.platform.web.ProblemType;

/**
 * Opens an uploaded CSV as characters without reading it whole: picks the charset (UTF-8 or GBK), skips a byte order
 * mark, and checks the first {@value #SNIFF} bytes strictly, so a file in the wrong encoding is refused before any row is
 * written. Later bad bytes become U+FFFD, which the import rejects row by row ({@link #REPLACEMENT}).
 */
final class ImportInput {

    static final int SNIFF = 64 * 1024;
    static final char REPLACEMENT = '\uFFFD';
    static final Charset GBK = Charset.forName("GBK");

    private ImportInput() {
    }

    /** UTF-8 or GBK from the {@code encoding} parameter, else the content type's charset, else UTF-8. */
    static Charset charset(String encodingParameter, String contentTypeCharset) {
        String name = encodingParameter != null && !encodingParameter.isBlank() ? encodingParameter
                : contentTypeCharset != null && !contentTypeCharset.isBlank() ? contentTypeCharset : "UTF-8";
        return switch (name.strip().toUpperCase(Locale.ROOT).replace("_", "-")) {
            case "UTF-8", "UTF8" -> StandardCharsets.UTF_8;
            case "GBK", "GB2312", "CP936", "GB18030" -> GBK;
            default -> throw new CrmProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "encoding " + name
                    + " is not supported; send UTF-8 or GBK (encoding=UTF-8|GBK, or charset=... in Content-Type)");
        };
    }

    static Reader open(InputStream body, Charset charset) throws IOException {
        BufferedInputStream in = new BufferedInputStream(body, SNIFF + 16);
        in.mark(SNIFF + 8);
        byte[] head = in.readNBytes(SNIFF);
        in.reset();
        if (head.length == 0) {
            throw CrmProblemException.invalid("file", "the file is empty (0 bytes); send a header line and the rows");
        }
        int bom = head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF ? 3 : 0;
        if (bom > 0 && charset != StandardCharsets.UTF_8) {
            throw new CrmProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "the file starts with a UTF-8 byte order mark but "
                    + charset.name() + " was declared; send encoding=UTF-8");
        }
        boolean complete = head.length < SNIFF;
        String problem = strictProblem(head, bom, charset, complete);
        if (problem != null) {
            throw new CrmProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, problem
                    + (charset == StandardCharsets.UTF_8 ? "; if it was saved by Excel on Chinese Windows, send encoding=GBK" : ""));
        }
        in.skipNBytes(bom);
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE).replaceWith(String.valueOf(REPLACEMENT));
        return new java.io.BufferedReader(new InputStreamReader(in, decoder), 64 * 1024);
    }

    /** Why the head of the file is not in the charset, or null. */
    static String strictProblem(byte[] head, int offset, Charset charset, boolean complete) {
        CharsetDecoder strict = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.wrap(head, offset, head.length - offset);
        CharBuffer chars = CharBuffer.allocate(head.length + 1);
        CoderResult result = strict.decode(bytes, chars, complete);
        if (result.isError()) {
            return "the file is not valid " + charset.name() + " (bad bytes at byte " + bytes.position() + ")";
        }
        if (complete) {
            result = strict.flush(chars);
            if (result.isError()) {
                return "the file is not valid " + charset.name() + " (it ends inside a character)";
            }
        }
        return null;
    }
}
