/* d360-contact-private.h — what only the store may do to a contact
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "d360-contact.h"

G_BEGIN_DECLS

/* Every bit a D360Channel's types may hold. */
#define D360_ALL_CHANNEL_TYPES 0x3fu

D360Contact *d360_contact_new_with_id            (gint64       id);
void         d360_contact_set_id                 (D360Contact *self,
                                                  gint64       id);
void         d360_contact_set_organization_name  (D360Contact *self,
                                                  const char  *name);
const char  *d360_contact_get_organization_name_for_import (D360Contact *self);
const char  *d360_contact_get_created_at         (D360Contact *self);
void         d360_contact_set_created_at         (D360Contact *self,
                                                  const char  *created_at);
void         d360_contact_set_updated_at         (D360Contact *self,
                                                  const char  *updated_at);

void         d360_contact_begin_building         (D360Contact *self);
void         d360_contact_end_building           (D360Contact *self);
void         d360_contact_begin_loading          (D360Contact *self);
void         d360_contact_end_loading            (D360Contact *self);
void         d360_contact_take_emails            (D360Contact *self,
                                                  GPtrArray   *emails);
void         d360_contact_take_phones            (D360Contact *self,
                                                  GPtrArray   *phones);
void         d360_contact_take_tags              (D360Contact *self,
                                                  GStrv        tags);

G_END_DECLS
