//! `/admin/video-sites`: the PeerTube instances whose videos reports may show. Admins only; a
//! report's address on an instance not listed is refused.
use super::api::{peertube_instances, AddPeertubeInstance, RemovePeertubeInstance};
use crate::i18n::*;
use crate::ui::errors::{error_message, FormAlert};
use crate::ui::form::{field_error, Field};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn InstancesPage() -> impl IntoView {
    let i18n = use_i18n();
    let add = ServerAction::<AddPeertubeInstance>::new();
    let remove = ServerAction::<RemovePeertubeInstance>::new();
    let instances = Resource::new(
        move || (add.version().get(), remove.version().get()),
        |_| peertube_instances(),
    );
    let value = add.value();
    let error = Signal::derive(move || value.get().and_then(Result::err));
    view! {
        <Title text=move || t_string!(i18n, reports.instances_title).to_string()/>
        <h1>{t!(i18n, reports.instances_title)}</h1>
        <p>{t!(i18n, reports.instances_intro)}</p>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match instances.await {
                    Err(failure) => {
                        #[cfg(feature = "ssr")]
                        crate::server::request::set_page_status(&failure);
                        view! { <p class="form-alert" role="alert">{error_message(i18n, &failure)}</p> }.into_any()
                    }
                    Ok(hosts) => view! {
                        {hosts.is_empty().then(|| view! { <p>{t!(i18n, reports.instances_none)}</p> })}
                        <ul class="instance-list" role="list">
                            {hosts.into_iter().map(|host| {
                                let label = t_string!(i18n, reports.instance_remove, host = host.clone()).to_string();
                                view! {
                                    <li>
                                        <span>{host.clone()}</span> " "
                                        <ActionForm action=remove attr:class="inline-form">
                                            <input type="hidden" name="form[host]" value=host/>
                                            <button type="submit" class="link-button" aria-label=label>{t!(i18n, reports.remove)}</button>
                                        </ActionForm>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        <FormAlert error/>
                        <ActionForm action=add attr:class="stacked-form" attr:novalidate=true>
                            <Field name="form[host]" id="instance-host" label=t_string!(i18n, reports.instance_host).to_string()
                                hint=t_string!(i18n, reports.instance_host_hint).to_string() max_length=253
                                error=field_error(error, "host")/>
                            <button type="submit" class="button">{t!(i18n, reports.instance_add)}</button>
                        </ActionForm>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
