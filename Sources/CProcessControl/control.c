// The header is all there is: see include/CProcessControl.h.
