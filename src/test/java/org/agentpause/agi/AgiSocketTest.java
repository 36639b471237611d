package org.agentpause.agi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Line reading of a FastAGI connection over a real loopback socket: LF only, UTF-8, bounded, EOF. */
class AgiSocketTest {

    private ServerSocket listener;
    private Socket peer;
    private OutputStream toServer;
    private AgiSocket socket;

    @BeforeEach
    void connect() throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        peer = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        socket = new AgiSocket(listener.accept(), 5000);
        toServer = peer.getOutputStream();
    }

    @AfterEach
    void close() throws IOException {
        socket.close();
        peer.close();
        listener.close();
    }

    private void send(String s) throws IOException {
        toServer.write(s.getBytes(StandardCharsets.UTF_8));
        toServer.flush();
    }

    @Test
    void splitsOnBareLfKeepsCrAndDecodesUtf8() throws IOException {
        send("agi_network: yes\nagi_callerid: Zoë\r\n\nHANGUP\n");

        assertEquals("agi_network: yes", socket.readLine());
        assertEquals("agi_callerid: Zoë\r", socket.readLine(), "a CR is part of the line, not its end");
        assertEquals("", socket.readLine(), "the empty line ending the environment");
        assertEquals("HANGUP", socket.readLine());
    }

    @Test
    void aLineArrivingInPiecesAndLongerThanTheStartingBufferIsWhole() throws IOException {
        String longValue = "é".repeat(700); // 1,400 bytes, several buffer doublings
        send("200 result=1 (");
        send(longValue.substring(0, 350));
        send(longValue.substring(350) + ")\n");

        assertEquals("200 result=1 (" + longValue + ")", socket.readLine());
    }

    @Test
    void endOfStreamGivesTheLastPartialLineThenNull() throws IOException {
        send("200 result=0\nunterminated");
        peer.shutdownOutput();

        assertEquals("200 result=0", socket.readLine());
        assertEquals("unterminated", socket.readLine());
        assertNull(socket.readLine());
    }

    @Test
    void aLineOverTheCapIsRefused() throws IOException {
        send("x".repeat(AgiSocket.MAX_LINE_BYTES) + "\n");
        send("y".repeat(AgiSocket.MAX_LINE_BYTES + 1) + "\n");

        assertEquals(AgiSocket.MAX_LINE_BYTES, socket.readLine().length(), "exactly the cap is accepted");
        IOException e = assertThrows(IOException.class, socket::readLine);
        assertEquals("FastAGI line longer than " + AgiSocket.MAX_LINE_BYTES + " bytes", e.getMessage());
    }
}
