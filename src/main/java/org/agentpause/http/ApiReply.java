package org.agentpause.http;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * One HTTP reply: a status and a JSON body of the CooCenter shape
 * {@code {"status":"success"|"error","message":"...","data":...}}.
 *
 * @param status  HTTP status code
 * @param message the {@code message} field, kept for headers that depend on it
 * @param body    UTF-8 JSON
 */
public record ApiReply(int status, String message, byte[] body) {

    /** Emoji and other characters beyond the BMP go out as plain UTF-8, not as escaped surrogate pairs. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

    /** A reply with no data: status "success" for 2xx, "error" otherwise. */
    public static ApiReply of(int status, String message) {
        return of(status, message, null);
    }

    /** A reply carrying {@code data} (any Jackson node or value), omitted when null. */
    public static ApiReply of(int status, String message, Object data) {
        ObjectNode root = JSON.createObjectNode();
        root.put("status", status < 300 ? "success" : "error");
        root.put("message", message);
        if (data != null) {
            root.set("data", JSON.valueToTree(data));
        }
        try {
            return new ApiReply(status, message, JSON.writeValueAsBytes(root));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
