/* d360-channel-row.h — one email address or phone number of a person
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "d360-contact.h"

G_BEGIN_DECLS

#define D360_TYPE_CHANNEL_ROW (d360_channel_row_get_type ())

G_DECLARE_FINAL_TYPE (D360ChannelRow, d360_channel_row, D360, CHANNEL_ROW, AdwEntryRow)

/* Signals: "channel-changed" (the text or the type changed),
 * "remove-requested" (the remove button), "left" (the focus left the row, or
 * Enter was pressed in it). */

GtkWidget   *d360_channel_row_new        (gboolean           is_email,
                                          const D360Channel *channel);
gboolean     d360_channel_row_is_email   (D360ChannelRow    *self);
/* The channel as shown: value trimmed (NULL when empty), its types, its label. */
D360Channel *d360_channel_row_dup_channel (D360ChannelRow   *self);

G_END_DECLS
