/* d360-partnership-editor.c — being written */
#include "config.h"
