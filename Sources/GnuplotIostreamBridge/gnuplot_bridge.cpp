// The bridge itself. Without the GnuplotIostream trait this file compiles to nothing and
// nothing links against Boost.
#include "gnuplot_bridge.h"

#ifdef BACKPROP_GNUPLOT_IOSTREAM
#include <gnuplot-iostream.h>
#include <new>

struct gnuplot_bridge_session {
    Gnuplot gp;
    explicit gnuplot_bridge_session(const char *command) : gp(command) {}
};

gnuplot_bridge_session *gnuplot_bridge_open(const char *command) {
    try {
        return new gnuplot_bridge_session(command);
    } catch (...) {
        return nullptr;
    }
}

int gnuplot_bridge_send(gnuplot_bridge_session *session, const char *text) {
    session->gp << text;
    session->gp.flush();
    return session->gp.good() ? 0 : 1;
}

void gnuplot_bridge_close(gnuplot_bridge_session *session) {
    // The destructor closes the pipe and waits for gnuplot (pclose).
    delete session;
}
#endif
