package org.agentpause.http;

import com.fasterxml.jackson.databind.ObjectMapper;
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

    static final ObjectMapper JSON = new ObjectMapper();

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
