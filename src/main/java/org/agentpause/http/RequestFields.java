package org.agentpause.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extracts request fields from the query string and from a form, multipart or JSON body.
 * A field given twice, a body that is not what its Content-Type says, or bytes that are not
 * UTF-8 are refused with a message naming the problem, never guessed at.
 */
final class RequestFields {

    /** Thrown for an unusable request; carries the HTTP status (400 or 415) and the message. */
    static final class BadRequest extends Exception {
        final int status;

        BadRequest(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    /**
     * Jackson keeps the last of two equal keys and ignores what follows the first value; both
     * would let {@code {"state":"off","state":"on"}} or a JSON prefix of a larger body through.
     */
    private static final ObjectReader STRICT_JSON = ApiReply.JSON.reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '(.*)'");
    /** Far more than any client sends (state, member, queue, reason, verbose). */
    static final int MAX_PARAMS = 64;

    private RequestFields() {
    }

    static Map<String, String> parse(FullHttpRequest req) throws BadRequest {
        Map<String, String> fields = new HashMap<>();
        addAll(fields, decode(req.uri(), true));
        if (req.method().equals(HttpMethod.GET) || !req.content().isReadable()) {
            return fields;
        }
        String type = req.headers().get(HttpHeaderNames.CONTENT_TYPE, "").toLowerCase(Locale.ROOT);
        if (type.startsWith("application/x-www-form-urlencoded")) {
            addAll(fields, decode(utf8(req, "body"), false));
        } else if (type.startsWith("multipart/form-data")) {
            multipart(req, fields);
        } else if (type.startsWith("application/json")) {
            json(utf8(req, "body"), fields);
        } else {
            throw new BadRequest(415, "Content-Type: must be application/x-www-form-urlencoded,"
                    + " multipart/form-data or application/json");
        }
        return fields;
    }

    private static Map<String, List<String>> decode(String text, boolean hasPath) throws BadRequest {
        Map<String, List<String>> params;
        try {
            // ';' is an ordinary character: as a separator it would cut "808;809" down to "808".
            params = QueryStringDecoder.builder().charset(StandardCharsets.UTF_8).hasPath(hasPath)
                    .maxParams(MAX_PARAMS + 1).semicolonIsNormalChar(true).build(text).parameters();
        } catch (IllegalArgumentException e) {
            throw new BadRequest(400, (hasPath ? "query" : "body") + ": malformed percent-encoding");
        }
        // Netty silently drops parameters past its limit, which would hide a repeated field there.
        if (params.values().stream().mapToInt(List::size).sum() > MAX_PARAMS) {
            throw new BadRequest(400, (hasPath ? "query" : "body") + ": more than " + MAX_PARAMS + " fields");
        }
        return params;
    }

    private static void addAll(Map<String, String> fields, Map<String, List<String>> params) throws BadRequest {
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            for (String v : e.getValue()) {
                put(fields, e.getKey(), v);
            }
        }
    }

    private static void put(Map<String, String> fields, String name, String value) throws BadRequest {
        if (fields.putIfAbsent(name, value) != null) {
            throw new BadRequest(400, fieldName(name) + ": given more than once");
        }
    }

    /** A field name is echoed only if it is short and printable, so an error never reflects junk. */
    private static String fieldName(String name) {
        return name.length() <= 32 && name.chars().allMatch(c -> c > 0x20 && c < 0x7f) ? name : "field";
    }

    /** The body as strict UTF-8: bad bytes are an error, not a silent U+FFFD. */
    private static String utf8(FullHttpRequest req, String what) throws BadRequest {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes(req))).toString();
        } catch (CharacterCodingException e) {
            throw new BadRequest(400, what + ": is not valid UTF-8");
        }
    }

    private static byte[] bytes(FullHttpRequest req) {
        byte[] b = new byte[req.content().readableBytes()];
        req.content().getBytes(req.content().readerIndex(), b);
        return b;
    }

    private static void json(String body, Map<String, String> fields) throws BadRequest {
        JsonNode root;
        try {
            root = STRICT_JSON.readTree(body);
        } catch (JsonProcessingException e) {
            Matcher dup = DUPLICATE.matcher(e.getOriginalMessage());
            if (dup.find()) {
                throw new BadRequest(400, fieldName(dup.group(1)) + ": given more than once");
            }
            throw new BadRequest(400, "body: is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new BadRequest(400, "body: must be a JSON object such as {\"member\":\"808\",\"queue\":\"630\",\"state\":\"on\"}");
        }
        for (var e : root.properties()) {
            JsonNode v = e.getValue();
            if (v.isTextual() || v.isIntegralNumber()) {
                put(fields, e.getKey(), v.asText());
            } else if (!v.isNull()) {
                throw new BadRequest(400, fieldName(e.getKey()) + ": must be a string");
            }
        }
    }

    private static void multipart(FullHttpRequest req, Map<String, String> fields) throws BadRequest {
        HttpPostRequestDecoder decoder;
        try {
            // Without a boundary Netty would silently decode the body as a url-encoded form.
            if (!HttpPostRequestDecoder.isMultipart(req)) {
                throw new BadRequest(400, "Content-Type: multipart/form-data needs a boundary parameter");
            }
            // In memory only: the aggregator has already bounded the body size.
            decoder = new HttpPostRequestDecoder(new DefaultHttpDataFactory(false), req, StandardCharsets.UTF_8);
        } catch (HttpPostRequestDecoder.ErrorDataDecoderException e) {
            throw new BadRequest(400, "body: malformed multipart/form-data");
        } catch (RuntimeException e) {
            // Netty's boundary parsing throws e.g. StringIndexOutOfBoundsException for "boundary=".
            throw new BadRequest(400, "Content-Type: malformed multipart/form-data boundary");
        }
        try {
            for (InterfaceHttpData d : decoder.getBodyHttpDatas()) {
                if (!(d instanceof Attribute a)) {
                    throw new BadRequest(400, fieldName(d.getName()) + ": file uploads are not accepted");
                }
                put(fields, a.getName(), new String(a.get(), StandardCharsets.UTF_8));
            }
        } catch (HttpPostRequestDecoder.NotEnoughDataDecoderException
                 | HttpPostRequestDecoder.ErrorDataDecoderException | IOException e) {
            throw new BadRequest(400, "body: malformed multipart/form-data");
        } finally {
            decoder.destroy();
        }
    }
}
