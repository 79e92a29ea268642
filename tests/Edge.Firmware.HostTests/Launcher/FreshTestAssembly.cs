using System;
using System.Reflection;
using System.Runtime.Loader;

namespace Edge.Firmware.HostTests.Launcher
{
    /// <summary>
    /// A fresh copy of this test assembly in its own load context: its static fields start from
    /// their initialisers, as on a device that has just booted the test deployment. Each launcher
    /// pass runs in one, so the declaration-order pass and the reverse pass (and xunit's parallel
    /// cases) never see each other's static state. Dependencies (Edge.Core, xunit) are shared with
    /// the default context.
    /// </summary>
    internal static class FreshTestAssembly
    {
        public static Assembly Load(string passName)
        {
            string path = typeof(FreshTestAssembly).Assembly.Location;
            var context = new AssemblyLoadContext("on-device tests, " + passName, isCollectible: false);
            return context.LoadFromAssemblyPath(path);
        }

        public static Type TypeIn(Assembly assembly, string fullName)
        {
            return assembly.GetType(fullName, throwOnError: true);
        }
    }
}
