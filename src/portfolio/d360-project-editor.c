/* d360-project-editor.c — being written */
#include "config.h"
