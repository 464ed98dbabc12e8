/* d360-city-editor.c — being written */
#include "config.h"
