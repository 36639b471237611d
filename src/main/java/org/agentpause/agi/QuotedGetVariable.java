package org.agentpause.agi;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.command.GetVariableCommand;
import org.asteriskjava.fastagi.reply.AgiReply;

/** asterisk-java's {@code GET VARIABLE}, byte for byte, quoted in one pass like {@link QuotedSetVariable}. */
final class QuotedGetVariable extends GetVariableCommand {

    private static final long serialVersionUID = 1L;

    QuotedGetVariable(String variable) {
        super(variable);
    }

    @Override
    protected String escapeAndQuote(String s) {
        return QuotedSetVariable.quote(s);
    }

    /** What {@code channel.getVariable(name)} returns: the value, or null when the variable is not set. */
    static String read(AgiChannel channel, String name) throws AgiException {
        AgiReply reply = channel.sendCommand(new QuotedGetVariable(name));
        return reply.getResultCode() == 1 ? reply.getExtra() : null;
    }
}
