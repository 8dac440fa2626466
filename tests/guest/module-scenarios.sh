#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Loadable-module scenarios of the marker core, one KTAP result per check:
#  (a) a probe registered before any site exists stays pending and arms
#      the site of a module loaded later; arguments are evaluated once per
#      hit;
#  (b) a second module's same-name site is armed as well; a site with
#      another format is left disarmed, its argument never evaluated;
#  (c) unloading a module whose site is armed; unregistering, again
#      (-ENOENT), registering (0) and twice (-EBUSY); the module reloads
#      and is armed again;
#  (d) the probe module unloads, leaving the sites disarmed, and reloads;
#  (s) the samples: probe-example sees marker-example's events;
#  (e) a bridged marker on another module's tracepoint: arming registers
#      one callback, the owner unloads and reloads while armed, arming
#      before the owner loads waits for it;
#  (f) the debugfs control interface, junk writes included;
#  (g) a bridged site loaded after its probe, before its tracepoint.
# Modules: mct_sites_a, mct_sites_b (each an mct_shared site, same format;
# mct_sites_b also an mct_fmt site whose format the probe does not
# accept), mct_probe (probes, hit counters and a register switch as
# parameters), mct_tp_owner and mct_tp_bridge (tests/modules), and the
# samples marker-example and probe-example.
. "$(dirname "$0")/lib/ktap.sh"

M=$MARKER_MODULES
D=/sys/kernel/debug/markers

# check NAME GOT WANT: one result, ok if GOT is WANT.
check() {
	ktap_check_eq "$1" "$3" "$2"
}

param() {
	cat "/sys/module/$1/parameters/$2" 2>/dev/null || echo "missing"
}

fire() {
	echo "$2" > "/sys/module/$1/parameters/fire"
}

reg() {
	echo "$1" > /sys/module/mct_probe/parameters/reg
	param mct_probe last_ret
}

load() {
	insmod "$M/$1.ko"
	check "$2" $? 0
}

unload() {
	rmmod "$1"
	check "$2" $? 0
}

# ctl CMD: write CMD and a newline to the control file in one write(2),
# as a program would (bash's echo writes a multi-line argument one line
# at a time, which would make two commands two valid writes); print "ok"
# or the error's text.
ctl() {
	printf '%s\n' "$1" > /tmp/ctl.in
	if dd if=/tmp/ctl.in of=$D/control bs=4096 status=none \
	      2> /tmp/ctl.err; then
		echo ok
	else
		sed -n 's/.*: //p' /tmp/ctl.err | head -n 1
	fi
}

# site NAME: the listing's lines of NAME ("" if none); "no list" if the
# listing itself is missing, so that an absence is checked for real.
site() {
	[ -r $D/list ] || { echo "no list"; return; }
	grep "^$1 " $D/list
}

# readf FILE: its contents, or "missing FILE".
readf() {
	cat "$1" 2> /dev/null || echo "missing $1"
}

ktap_plan 114

ktap_diag "(a) a probe registered before its sites stays pending"
load mct_probe a_probe_module_loads
check a_register_without_sites "$(param mct_probe init_ret)" 0
check a_register_fmt_without_sites "$(param mct_probe fmt_init_ret)" 0
check a_iterator_no_site_yet "$(param mct_probe sites)" 0
load mct_sites_a a_site_module_loads
check a_iterator_sees_module_site "$(param mct_probe sites)" 1
fire mct_sites_a 3
check a_pending_probe_armed_new_site "$(param mct_probe hits_a)" 3
check a_args_evaluated_once_per_hit "$(param mct_sites_a evals)" 3

ktap_diag "(b) two modules with sites of the same name are both armed"
load mct_sites_b b_second_site_module_loads
check b_iterator_sees_both "$(param mct_probe sites)" 2
fire mct_sites_b 2
check b_second_module_armed "$(param mct_probe hits_b)" 2
check b_second_module_args "$(param mct_sites_b evals)" 2
fire mct_sites_a 1
check b_first_module_still_armed "$(param mct_probe hits_a)" 4
check b_format_mismatch_site_not_armed "$(param mct_probe hits_fmt)" 0
check b_format_mismatch_args_not_evaluated "$(param mct_sites_b fmt_evals)" 0

ktap_diag "(c) unloading a module whose sites are armed"
unload mct_sites_b c_armed_module_unloads
check c_iterator_forgets_module "$(param mct_probe sites)" 1
fire mct_sites_a 1
check c_other_module_still_armed "$(param mct_probe hits_a)" 5
check c_unregister_after_unload "$(reg 0)" 0
fire mct_sites_a 2
check c_disarmed_no_probe_call "$(param mct_probe hits_a)" 5
check c_disarmed_no_arg_evaluation "$(param mct_sites_a evals)" 5
check c_unregister_twice_enoent "$(reg 0)" -2
check c_register_again "$(reg 1)" 0
check c_register_twice_ebusy "$(reg 1)" -16
fire mct_sites_a 1
check c_rearmed "$(param mct_probe hits_a)" 6
load mct_sites_b c_module_reloads
fire mct_sites_b 1
check c_reloaded_module_armed "$(param mct_probe hits_b)" 3
check c_no_unexpected_probe_args "$(param mct_probe hits_bad)" 0

ktap_diag "(d) the probe module unloads cleanly"
unload mct_probe d_probe_module_unloads
fire mct_sites_a 2
fire mct_sites_b 2
check d_sites_disarmed_after_probe_unload \
	"$(param mct_sites_a evals)+$(param mct_sites_b evals)" "6+1"
load mct_probe d_probe_module_reloads
check d_reload_registers "$(param mct_probe init_ret)" 0
check d_reload_iterator "$(param mct_probe sites)" 2
fire mct_sites_b 1
check d_reload_arms_loaded_sites "$(param mct_probe hits_b)" 1
unload mct_probe d_probe_module_unloads_again
unload mct_sites_a d_site_module_a_unloads
unload mct_sites_b d_site_module_b_unloads

ktap_diag "samples: probe-example sees marker-example's events"
load marker-example s_marker_example_loads
load probe-example s_probe_example_loads
ktap_diag "$(cat /proc/marker-example)"
check s_subsystem_event_hits "$(param probe_example event_hits)" 1
check s_subsystem_eventb_hits "$(param probe_example eventb_hits)" 10
unload probe_example s_probe_example_unloads
unload marker_example s_marker_example_unloads

ktap_diag "(e) a bridged marker on another module's tracepoint"
load mct_tp_owner e_owner_loads
load mct_tp_bridge e_bridge_module_loads
check e_load_registers_no_callback "$(param mct_tp_owner callbacks)" 0
fire mct_tp_owner 2
check e_unarmed_no_event "$(param mct_tp_bridge hits)" 0
echo 1 > /sys/module/mct_tp_bridge/parameters/reg
check e_arm "$(param mct_tp_bridge last_ret)" 0
check e_arm_registers_one_callback "$(param mct_tp_owner callbacks)" 1
fire mct_tp_owner 3
check e_events_through_bridge "$(param mct_tp_bridge hits)" 3
check e_values_through_bridge "$(param mct_tp_bridge sum)" 6
unload mct_tp_owner e_owner_unloads_while_armed
load mct_tp_owner e_owner_reloads
check e_reload_reattaches_callback "$(param mct_tp_owner callbacks)" 1
fire mct_tp_owner 2
check e_events_after_reload "$(param mct_tp_bridge hits)" 5
echo 0 > /sys/module/mct_tp_bridge/parameters/reg
check e_disarm "$(param mct_tp_bridge last_ret)" 0
check e_disarm_unregisters_callback "$(param mct_tp_owner callbacks)" 0
fire mct_tp_owner 1
check e_disarmed_no_event "$(param mct_tp_bridge hits)" 5
unload mct_tp_owner e_owner_unloads_disarmed
# Arming before the tracepoint's module loads arms and waits, as arming
# before the site's module does (scenario g): no -ENOENT that depends on
# the order of loads.
echo 1 > /sys/module/mct_tp_bridge/parameters/reg
check e_arm_absent_tracepoint_waits "$(param mct_tp_bridge last_ret)" 0
load mct_tp_owner e_owner_loads_after_arming
check e_late_owner_gets_callback "$(param mct_tp_owner callbacks)" 1
fire mct_tp_owner 2
check e_events_after_late_owner "$(param mct_tp_bridge hits)" 7
echo 0 > /sys/module/mct_tp_bridge/parameters/reg
check e_disarm_late "$(param mct_tp_bridge last_ret)" 0
check e_disarm_late_unregisters_callback "$(param mct_tp_owner callbacks)" 0
unload mct_tp_owner e_owner_unloads_last
unload mct_tp_bridge e_bridge_module_unloads

ktap_diag "(f) the debugfs control interface"
load mct_sites_a f_site_module_loads
check f_list_module_site "$(site mct_shared)" \
	'mct_shared mct_sites_a idle probes=0 event=off format="src %d seq %u"'
check f_list_builtin_bridge "$(site virt_exit)" \
	'virt_exit vmlinux idle probes=0 event=off tp=virt_exit format="vm_id %u vcpu_id %u exit_reason %u guest_rip 0x%llx"'
check f_count "$(ctl 'count mct_shared')" ok
check f_list_armed "$(site mct_shared)" \
	'mct_shared mct_sites_a armed probes=1 event=off format="src %d seq %u"'
fire mct_sites_a 3
check f_counter_hits "$(cat $D/counters)" "mct_shared 3"
list_before=$(readf $D/list)
check f_count_twice_ebusy "$(ctl 'count mct_shared')" "Device or resource busy"
check f_junk_einval "$(ctl 'junk')" "Invalid argument"
check f_verb_alone_einval "$(ctl 'count')" "Invalid argument"
check f_unknown_verb_einval "$(ctl 'enable mct_shared')" "Invalid argument"
check f_two_names_einval "$(ctl 'count a b')" "Invalid argument"
check f_bad_name_einval "$(ctl 'count mct-shared!')" "Invalid argument"
check f_two_commands_einval "$(ctl "$(printf 'nocount mct_shared\ncount x')")" \
	"Invalid argument"
check f_nocount_unknown_enoent "$(ctl 'nocount no_such_marker')" \
	"No such file or directory"
check f_bad_input_changed_no_counter "$(cat $D/counters)" "mct_shared 3"
check f_bad_input_changed_no_site "$(readf $D/list)" "$list_before"
check f_nocount "$(ctl 'nocount mct_shared')" ok
check f_list_idle_again "$(site mct_shared)" \
	'mct_shared mct_sites_a idle probes=0 event=off format="src %d seq %u"'
check f_counters_empty "$(readf $D/counters)" ""
check f_count_pending "$(ctl 'count mct_later')" ok
check f_counter_pending "$(cat $D/counters)" "mct_later 0"
check f_nocount_pending "$(ctl 'nocount mct_later')" ok
unload mct_sites_a f_site_module_unloads
check f_list_forgets_module "$(site mct_shared)" ""

ktap_diag "(g) a bridged site loaded after its probe, before its tracepoint"
check g_count_pending "$(ctl 'count mct_bridged')" ok
load mct_tp_bridge g_bridge_module_loads
check g_site_armed_waiting "$(site mct_bridged)" \
	'mct_bridged mct_tp_bridge armed probes=1 event=off tp=mct_owned_tp format="v %d"'
load mct_tp_owner g_owner_loads_later
check g_callback_attached_on_arrival "$(param mct_tp_owner callbacks)" 1
fire mct_tp_owner 4
check g_events_counted "$(cat $D/counters)" "mct_bridged 4"
check g_nocount "$(ctl 'nocount mct_bridged')" ok
check g_callback_gone "$(param mct_tp_owner callbacks)" 0
unload mct_tp_bridge g_bridge_module_unloads
unload mct_tp_owner g_owner_unloads

ktap_diag "(h) a counter takes any format and fixes none"
check h_count_pending "$(ctl 'count mct_fmt')" ok
load mct_sites_b h_site_module_loads
check h_counter_arms_site "$(site mct_fmt)" \
	'mct_fmt mct_sites_b armed probes=1 event=off format="other %d"'
load mct_probe h_probe_module_loads
check h_other_format_registers "$(param mct_probe fmt_init_ret)" 0
check h_list_mismatch_counted "$(site mct_fmt)" \
	'mct_fmt mct_sites_b mismatch probes=1 event=off format="other %d"'
fire mct_sites_b 2
check h_counter_counts_mismatch "$(grep '^mct_fmt ' $D/counters)" "mct_fmt 2"
check h_probe_not_called "$(param mct_probe hits_fmt)" 0
check h_args_evaluated_for_counter "$(param mct_sites_b fmt_evals)" 2
unload mct_probe h_probe_module_unloads
check h_nocount "$(ctl 'nocount mct_fmt')" ok
check h_site_idle "$(site mct_fmt)" \
	'mct_fmt mct_sites_b idle probes=0 event=off format="other %d"'
unload mct_sites_b h_site_module_unloads

ktap_finished
