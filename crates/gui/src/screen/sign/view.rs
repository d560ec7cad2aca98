//! How the sign screen looks: documents, credential, the selected document's settings and page,
//! the batch's progress and results, and the PIN dialog over it all.

use crate::widget::button;
use crate::widget::focus::pick_list;
use iced::widget::{Column, center, column, container, opaque, progress_bar, row, stack, text, text_input};
use iced::{Color, Element, Length};
use pecat_core::DocumentStatus;
use pecat_pades::Permission;

use super::{Document, Message, Placement, Sign, wording};
use crate::fl;
use crate::theme::Tone;
use crate::widget::badge::{badge, notice};
use crate::widget::field::card;
use crate::widget::preview::{self, Mark};

fn file_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

impl Sign {
    /// The screen.
    pub fn view(&self) -> Element<'_, Message> {
        let mut col = column![
            text(fl!("sign-title")).size(24),
            text(fl!("sign-drop-hint")),
            button(text(fl!("sign-add-files"))).on_press(Message::PickFilesPressed),
        ]
        .spacing(12);
        col = col.push(self.view_credential());
        if !self.documents.is_empty() {
            col = col.push(row![self.view_documents(), self.view_selected()].spacing(16));
        }
        col = col.push(self.view_run());
        let content: Element<'_, Message> = col.into();
        match &self.dialog {
            Some(dialog) => stack![
                crate::widget::focus::inert(content),
                opaque(
                    center(dialog.view().map(Message::Auth))
                        .style(|_| container::Style::default().background(Color { a: 0.6, ..Color::BLACK }))
                )
            ]
            .into(),
            None => content,
        }
    }

    fn view_credential(&self) -> Element<'_, Message> {
        let body: Element<'_, Message> = match &self.credentials {
            None => text(fl!("sign-credentials-loading")).into(),
            Some(Err(e)) => notice(crate::screen::failure_text(e), Tone::Danger),
            Some(Ok(list)) if list.is_empty() => notice(fl!("sign-no-credentials"), Tone::Warning),
            Some(Ok(list)) => container(pick_list(
                list.as_slice(),
                self.credential.clone(),
                |c| Message::CredentialSelected(Box::new(c)),
                Length::Fill,
            ))
            .id("sign-credential")
            .into(),
        };
        column![text(fl!("sign-credential")), body].spacing(6).into()
    }

    fn view_documents(&self) -> Element<'_, Message> {
        let mut list = Column::new().spacing(6).width(Length::Fixed(260.0));
        list = list.push(text(fl!("sign-documents", count = self.documents.len())).size(16));
        for (i, doc) in self.documents.iter().enumerate() {
            let chosen = self.selected == Some(i);
            let name = button(text(file_name(&doc.setup.input)))
                .style(if chosen { button::primary } else { button::secondary })
                .width(Length::Fill)
                .on_press(Message::DocumentSelected(i));
            let remove = button(text("✖")).style(button::text).on_press(Message::RemoveDocumentPressed(i));
            list = list.push(row![name, remove].spacing(4));
            list = list.push(document_status(doc));
        }
        list.into()
    }

    fn view_selected(&self) -> Element<'_, Message> {
        let Some(doc) = self.current() else { return column![].into() };
        let setup = &doc.setup;
        let mut col = column![
            text(file_name(&setup.input)).size(18),
            text_input(&fl!("sign-reason"), &setup.reason).id("sign-reason").on_input(Message::ReasonChanged),
            text_input(&fl!("sign-location"), &setup.location).id("sign-location").on_input(Message::LocationChanged),
        ]
        .spacing(8)
        .width(Length::Fill);
        if self.documents.len() > 1 {
            col = col.push(button(text(fl!("sign-apply-to-all"))).on_press(Message::ApplyToAllPressed));
        }
        let placement = match &setup.placement {
            Placement::Invisible => fl!("sign-placement-invisible"),
            Placement::Drawn { page, rect } => fl!(
                "sign-placement-drawn",
                page = page.to_string(),
                x = rect[0].to_string(),
                y = rect[1].to_string(),
                width = (rect[2] - rect[0]).to_string(),
                height = (rect[3] - rect[1]).to_string()
            ),
            Placement::Field(name) => fl!("sign-placement-field", name = name.clone()),
        };
        col = col.push(badge(placement, Tone::Neutral));
        let mut choices = row![button(text(fl!("sign-invisible"))).on_press(Message::InvisiblePressed)].spacing(6);
        if let Some(Ok(info)) = &doc.info {
            for f in &info.empty_fields {
                let label = match f.page {
                    Some(p) => fl!("sign-field-button", name = f.name.clone(), page = p),
                    None => fl!("sign-field-button-invisible", name = f.name.clone()),
                };
                choices = choices.push(button(text(label)).on_press(Message::FieldChosen(f.name.clone())));
            }
        }
        col = col.push(choices);
        col = col.push(self.view_page(doc));
        card(None, col)
    }

    fn view_page(&self, doc: &Document) -> Element<'_, Message> {
        let pages = doc.info.as_ref().and_then(|i| i.as_ref().ok()).map_or(1, |i| i.pages);
        let chooser = row![
            button(text("◀")).on_press_maybe((self.page > 1).then(|| Message::PageChanged(self.page - 1))),
            text(fl!("sign-page-of", page = self.page, pages = pages)),
            button(text("▶")).on_press_maybe((self.page < pages).then(|| Message::PageChanged(self.page + 1))),
        ]
        .spacing(8);
        let page: Element<'_, Message> = match &self.preview {
            None => text(fl!("sign-preview-loading")).into(),
            Some(Err(e)) => notice(fl!("sign-preview-failed", reason = e.to_string()), Tone::Warning),
            Some(Ok(p)) => {
                let mut marks = Vec::new();
                if let Some(Ok(info)) = &doc.info {
                    for f in info.empty_fields.iter().filter(|f| f.page == Some(p.page) && f.is_visible()) {
                        let chosen = doc.setup.placement == Placement::Field(f.name.clone());
                        marks.push(Mark { rect: f.rect, chosen });
                    }
                }
                if let Placement::Drawn { page, rect } = &doc.setup.placement
                    && *page == p.page
                {
                    marks.push(Mark { rect: *rect, chosen: true });
                }
                if let Some((from, to)) = self.drag {
                    marks.push(Mark { rect: p.user_rect(from, to), chosen: true });
                }
                container(preview::view(p, marks, Message::Drag)).id("sign-preview").into()
            }
        };
        column![chooser, text(fl!("sign-drag-hint")).size(13), page].spacing(8).into()
    }

    fn view_run(&self) -> Element<'_, Message> {
        let mut col = column![].spacing(10);
        if let Some(r) = &self.running {
            let words = if r.authorised {
                fl!("sign-progress", done = r.done, total = r.total)
            } else {
                fl!("sign-authorising")
            };
            col = col.push(text(words));
            col = col.push(progress_bar(0.0..=r.total.max(1) as f32, r.done as f32));
            col = col.push(button(text(fl!("sign-cancel"))).on_press(Message::CancelPressed));
        } else {
            col = col.push(
                button(text(fl!("sign-start", count = self.documents.len())))
                    .style(button::primary)
                    .on_press_maybe(self.can_sign().then_some(Message::SignPressed)),
            );
        }
        if let Some(p) = &self.problem {
            col = col.push(notice(p.clone(), Tone::Danger));
        }
        for r in &self.results {
            let name = file_name(&r.report.input);
            let line: Element<'_, Message> = match r.report.status {
                DocumentStatus::Signed => row![
                    badge(fl!("sign-result-signed", name = name, output = file_name(&r.report.output)), Tone::Good),
                    button(text(fl!("sign-verify-result"))).on_press(Message::VerifyPressed(r.report.output.clone())),
                ]
                .spacing(8)
                .into(),
                DocumentStatus::Cancelled => badge(fl!("sign-result-cancelled", name = name), Tone::Neutral),
                DocumentStatus::Failed => {
                    let why = match (&r.report.failure, &r.report.error) {
                        (Some(f), _) => wording::document_failure_text(f),
                        (None, Some(reason)) => fl!("sign-error-other", detail = reason.clone()),
                        (None, None) => fl!("sign-error-other", detail = String::new()),
                    };
                    badge(fl!("sign-result-failed", name = name, reason = why), Tone::Danger)
                }
            };
            col = col.push(line);
        }
        if self.output_folder().is_some() {
            col = col.push(button(text(fl!("sign-open-folder"))).on_press(Message::OpenFolderPressed));
        }
        col.into()
    }
}

/// A document's state under its name: being read, unreadable, or pages, fields and certification.
fn document_status(doc: &Document) -> Element<'_, Message> {
    match &doc.info {
        None => text(fl!("sign-reading")).size(13).into(),
        Some(Err(e)) => badge(crate::screen::failure_text(e), Tone::Danger),
        Some(Ok(info)) => {
            let mut col = column![
                text(fl!(
                    "sign-document-summary",
                    pages = info.pages,
                    fields = info.empty_fields.len(),
                    signatures = info.signatures
                ))
                .size(13)
            ];
            match info.certification {
                Some(Permission::NoChanges) => col = col.push(badge(fl!("sign-certified-no-changes"), Tone::Danger)),
                Some(Permission::FillForms) => col = col.push(badge(fl!("sign-certified-forms"), Tone::Neutral)),
                Some(Permission::Annotate) => col = col.push(badge(fl!("sign-certified-annotate"), Tone::Neutral)),
                None => {}
            }
            col.into()
        }
    }
}
