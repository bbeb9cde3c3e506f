package io.plantwatch.local.infra;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The local mail viewer: {@code GET /} lists received mail (newest first) with their bodies,
 * {@code GET /api/messages} gives the same as JSON, {@code DELETE /api/messages} empties the box.
 */
public final class MailViewer implements AutoCloseable {

    private final HttpServer server;

    private MailViewer(HttpServer server) {
        this.server = server;
    }

    public static MailViewer start(MailCatcher mail, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        ObjectMapper json = new ObjectMapper();
        server.createContext("/api/messages", exchange -> {
            if ("DELETE".equals(exchange.getRequestMethod())) {
                try {
                    mail.greenMail().purgeEmailFromAllMailboxes();
                } catch (Exception e) {
                    send(exchange, 500, "text/plain", e.toString());
                    return;
                }
                send(exchange, 204, "text/plain", "");
                return;
            }
            send(exchange, 200, "application/json", json.writeValueAsString(mail.messages()));
        });
        server.createContext("/", exchange -> send(exchange, 200, "text/html; charset=utf-8", page(mail.messages())));
        server.start();
        return new MailViewer(server);
    }

    private static String page(List<Map<String, Object>> messages) {
        StringBuilder html = new StringBuilder("""
                <!doctype html><html><head><meta charset="utf-8"><title>PlantWatch mail</title>
                <meta http-equiv="refresh" content="10">
                <style>body{font:14px system-ui,sans-serif;margin:2rem;background:#0f172a;color:#e2e8f0}
                details{background:#1e293b;border-radius:8px;margin:.5rem 0;padding:.75rem 1rem}
                summary{cursor:pointer}.meta{color:#94a3b8;font-size:12px}
                iframe{width:100%;height:420px;border:0;background:#fff;border-radius:6px;margin-top:.5rem}
                pre{white-space:pre-wrap}</style></head><body>
                <h1>PlantWatch local mail</h1><p class="meta">Every e-mail the local stack sent.
                JSON: <a href="/api/messages" style="color:#7dd3fc">/api/messages</a>. Refreshes every 10 s.</p>
                """);
        html.append("<p>").append(messages.size()).append(" message(s)</p>");
        for (int i = messages.size() - 1; i >= 0; i--) {
            Map<String, Object> m = messages.get(i);
            html.append("<details><summary><b>").append(escape(m.get("subject"))).append("</b> <span class=meta>to ")
                    .append(escape(m.get("to"))).append(" · ").append(escape(m.get("date"))).append("</span></summary>");
            if (m.get("html") != null) {
                html.append("<iframe sandbox srcdoc=\"").append(escape(m.get("html"))).append("\"></iframe>");
            } else {
                html.append("<pre>").append(escape(m.get("text"))).append("</pre>");
            }
            html.append("</details>");
        }
        return html.append("</body></html>").toString();
    }

    private static String escape(Object value) {
        return String.valueOf(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (status != 204) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
