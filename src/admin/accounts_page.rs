//! `/admin/accounts`: search accounts, grant and revoke roles, read the record of changes.
use super::api::{list_accounts, list_role_changes, SetRole};
use super::{AccountRow, RoleChangeRow};
use crate::accounts::Role;
use crate::i18n::*;
use crate::ui::errors::{error_message, FormAlert};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::Form, hooks::use_query_map};

pub fn role_name(i18n: leptos_i18n::I18nContext<Locale>, role: Role) -> String {
    match role {
        Role::Moderator => t_string!(i18n, roles.moderator).to_string(),
        Role::Admin => t_string!(i18n, roles.admin).to_string(),
    }
}

#[component]
pub fn AdminAccountsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let search = move || query.read().get("q").unwrap_or_default();
    let set_role = ServerAction::<SetRole>::new();
    let accounts = Resource::new(
        move || (search(), set_role.version().get()),
        |(search, _)| list_accounts(search),
    );
    let history = Resource::new(move || set_role.version().get(), |_| list_role_changes());
    let action_value = set_role.value();
    let action_error = Signal::derive(move || action_value.get().and_then(Result::err));
    view! {
        <Title text=move || t_string!(i18n, admin.title).to_string()/>
        <h1>{t!(i18n, admin.title)}</h1>
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match accounts.await {
                    Err(error) => {
                        #[cfg(feature = "ssr")]
                        crate::server::request::set_page_status(&error);
                        view! { <p class="form-alert" role="alert">{error_message(i18n, &error)}</p> }
                            .into_any()
                    }
                    Ok(rows) => view! {
                        <Form method="GET" action="" attr:class="search-form" attr:role="search">
                            <label for="account-search">{t!(i18n, admin.search_label)}</label>
                            <input id="account-search" type="search" name="q" value=search() maxlength="100"/>
                            <button type="submit" class="button">{t!(i18n, admin.search_submit)}</button>
                        </Form>
                        <FormAlert error=action_error/>
                        <AccountsTable rows set_role/>
                    }
                    .into_any(),
                }
            })}
        </Transition>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                history.await.ok().map(|changes| view! { <RoleHistory changes/> })
            })}
        </Transition>
    }
}

#[component]
fn AccountsTable(rows: Vec<AccountRow>, set_role: ServerAction<SetRole>) -> impl IntoView {
    let i18n = use_i18n();
    if rows.is_empty() {
        return view! { <p>{t!(i18n, admin.no_accounts)}</p> }.into_any();
    }
    view! {
        <table class="accounts">
            <caption>{t!(i18n, admin.caption)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, admin.name)}</th>
                    <th scope="col">{t!(i18n, admin.email)}</th>
                    <th scope="col">{t!(i18n, admin.city)}</th>
                    <th scope="col">{t!(i18n, admin.roles)}</th>
                    <th scope="col">{t!(i18n, admin.actions)}</th>
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|row| view! { <AccountLine row set_role/> }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
fn AccountLine(row: AccountRow, set_role: ServerAction<SetRole>) -> impl IntoView {
    let i18n = use_i18n();
    let roles = if row.roles.is_empty() {
        t_string!(i18n, roles.member).to_string()
    } else {
        row.roles
            .iter()
            .map(|role| role_name(i18n, *role))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let buttons = Role::ALL
        .into_iter()
        .map(|role| {
            let held = row.roles.contains(&role);
            view! { <RoleButton account_id=row.id.0 name=row.display_name.clone() role held set_role/> }
        })
        .collect_view();
    view! {
        <tr data-account=row.email.clone()>
            <th scope="row">{row.display_name.clone()}</th>
            <td>{row.email.clone()}</td>
            <td>{row.city.clone()}</td>
            <td>{roles}</td>
            <td class="role-buttons">{buttons}</td>
        </tr>
    }
}

/// One form per button so that each works without JavaScript.
#[component]
fn RoleButton(
    account_id: i64,
    name: String,
    role: Role,
    held: bool,
    set_role: ServerAction<SetRole>,
) -> impl IntoView {
    let i18n = use_i18n();
    let role_label = role_name(i18n, role);
    let label = if held {
        t_string!(i18n, admin.revoke, role = role_label.clone()).to_string()
    } else {
        t_string!(i18n, admin.grant, role = role_label.clone()).to_string()
    };
    let for_account = t_string!(i18n, admin.for_account, name = name).to_string();
    let accessible_label = format!("{label} {for_account}");
    view! {
        <ActionForm action=set_role attr:class="inline-form">
            <input type="hidden" name="form[account_id]" value=account_id/>
            <input type="hidden" name="form[role]" value=role.as_str()/>
            <input type="hidden" name="form[action]" value=if held { "revoke" } else { "grant" }/>
            <button type="submit" class="small-button" aria-label=accessible_label>
                {label}
            </button>
        </ActionForm>
    }
}

#[component]
fn RoleHistory(changes: Vec<RoleChangeRow>) -> impl IntoView {
    let i18n = use_i18n();
    let lines = changes
        .into_iter()
        .map(|change| {
            let actor = change
                .actor
                .unwrap_or_else(|| t_string!(i18n, admin.command_line).to_string());
            let role = role_name(i18n, change.role);
            let target = change.target;
            let sentence = if change.granted {
                t_string!(i18n, admin.history_granted, actor, role, target).to_string()
            } else {
                t_string!(i18n, admin.history_revoked, actor, role, target).to_string()
            };
            let at = t_string!(i18n, admin.changed_at, time = change.changed_at).to_string();
            view! { <li><time>{at}</time>" — "{sentence}</li> }
        })
        .collect::<Vec<_>>();
    view! {
        <section aria-labelledby="history-title">
            <h2 id="history-title">{t!(i18n, admin.history_title)}</h2>
            {if lines.is_empty() {
                view! { <p>{t!(i18n, admin.history_empty)}</p> }.into_any()
            } else {
                view! { <ul class="history">{lines}</ul> }.into_any()
            }}
        </section>
    }
}
