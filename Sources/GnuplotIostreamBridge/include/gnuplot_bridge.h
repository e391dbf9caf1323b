// A C face for gnuplot-iostream, so Swift can talk to gnuplot through the C++ library.
// Built only with the GnuplotIostream package trait: `swift build --traits GnuplotIostream`.
#ifndef GNUPLOT_BRIDGE_H
#define GNUPLOT_BRIDGE_H
#ifdef __cplusplus
extern "C" {
#endif

typedef struct gnuplot_bridge_session gnuplot_bridge_session;

// Starts `command` (a shell command line that runs gnuplot) with a pipe to its input; NULL if it cannot.
gnuplot_bridge_session *gnuplot_bridge_open(const char *command);

// Sends text (commands, or inline data) to gnuplot; 0 on success.
int gnuplot_bridge_send(gnuplot_bridge_session *session, const char *text);

// Closes the pipe and waits for gnuplot to finish.
void gnuplot_bridge_close(gnuplot_bridge_session *session);

#ifdef __cplusplus
}
#endif
#endif
