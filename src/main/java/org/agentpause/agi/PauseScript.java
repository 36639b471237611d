package org.agentpause.agi;

import org.agentpause.pause.Action;
import org.agentpause.pause.InvalidInputException;
import org.agentpause.pause.Outcome;
import org.agentpause.pause.PauseCommand;
import org.agentpause.pause.PauseResult;
import org.agentpause.pause.PauseService;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code agent-pause/toggle}, {@code /on} and {@code /off}: one call into the same pause core as
 * HTTP, results as channel variables. The core call never touches the channel, so a caller who
 * hangs up meanwhile cannot cut a change in half: it completes or never starts.
 */
final class PauseScript implements AgiScript {

    private static final Logger log = LoggerFactory.getLogger(PauseScript.class);

    private final Action action;
    private final PhoneRequestReader reader;
    private final PauseService service;

    PauseScript(Action action, PhoneRequestReader reader, PauseService service) {
        this.action = action;
        this.reader = reader;
        this.service = service;
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) {
        PauseResult result;
        try {
            PhoneRequest p = reader.read(request, channel);
            result = service.execute(PauseCommand.of(p.member(), p.queue(), action, p.reason(), p.actor()));
        } catch (InvalidInputException e) {
            log.info("phone request on {} refused: {}", request.getChannel(), e.getMessage());
            result = PauseResult.invalid(e);
        } catch (AgiException e) {
            log.info("connection for {} ended before the request was read; nothing changed: {}",
                    request.getChannel(), e.getMessage());
            return;
        } catch (RuntimeException e) {
            log.error("unexpected failure handling {} on {}", action, request.getChannel(), e);
            result = PauseResult.of(Outcome.ERROR);
        }
        ResultVariables.write(channel, ResultVariables.of(result));
    }
}
