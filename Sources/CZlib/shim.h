// zlib, the system's gzip library, for reading .gz data files.
#include <zlib.h>
