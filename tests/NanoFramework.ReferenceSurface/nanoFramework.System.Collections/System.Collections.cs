// Reference surface of nanoFramework's nanoFramework.System.Collections 1.5.75 (NuGet package nanoFramework.System.Collections).
// Public signatures mirrored from nanoFramework's public repositories; bodies are
// placeholders because this assembly is only ever used as a compile-time reference.

using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Remoting;
using System.Runtime.Versioning;
using System.Threading;

namespace System.Collections
{
    public class DictionaryEntry
    {
        public DictionaryEntry(object key, object value) { throw null; }
        public object Key;
        public object Value;
    }

    public class Hashtable : ICloneable, IDictionary, ICollection, IEnumerable
    {
        public Hashtable() { throw null; }
        public Hashtable(int capacity) { throw null; }
        public Hashtable(int capacity, float loadFactor) { throw null; }
        public int Count { get { throw null; } }
        public bool IsFixedSize { get { throw null; } }
        public bool IsReadOnly { get { throw null; } }
        public bool IsSynchronized { get { throw null; } }
        public ICollection Keys { get { throw null; } }
        public object SyncRoot { get { throw null; } }
        public object this[object key] { get { throw null; } set { } }
        public ICollection Values { get { throw null; } }
        public void Add(object key, object value) { throw null; }
        public void Clear() { throw null; }
        public object Clone() { throw null; }
        public bool Contains(object key) { throw null; }
        public void CopyTo(Array array, int arrayIndex) { throw null; }
        public IEnumerator GetEnumerator() { throw null; }
        public void Remove(object key) { throw null; }
    }

    public interface IDictionary : ICollection, IEnumerable
    {
        bool IsFixedSize { get; }
        bool IsReadOnly { get; }
        ICollection Keys { get; }
        object this[object key] { get; set; }
        ICollection Values { get; }
        void Add(object key, object value);
        void Clear();
        bool Contains(object key);
        void Remove(object key);
    }

    public interface IDictionaryEnumerator : IEnumerator
    {
        DictionaryEntry Entry { get; }
        object Key { get; }
        object Value { get; }
    }

    public class Queue : ICollection, IEnumerable, ICloneable
    {
        public Queue() { throw null; }
        public virtual int Count { get { throw null; } }
        public virtual bool IsSynchronized { get { throw null; } }
        public virtual object SyncRoot { get { throw null; } }
        public virtual void Clear() { throw null; }
        public virtual object Clone() { throw null; }
        public virtual bool Contains(object obj) { throw null; }
        public virtual void CopyTo(Array array, int index) { throw null; }
        public virtual object Dequeue() { throw null; }
        public virtual void Enqueue(object obj) { throw null; }
        public virtual IEnumerator GetEnumerator() { throw null; }
        public virtual object Peek() { throw null; }
        public virtual object[] ToArray() { throw null; }
    }

    public class Stack : ICollection, IEnumerable, ICloneable
    {
        public Stack() { throw null; }
        public virtual int Count { get { throw null; } }
        public virtual bool IsSynchronized { get { throw null; } }
        public virtual object SyncRoot { get { throw null; } }
        public virtual void Clear() { throw null; }
        public virtual object Clone() { throw null; }
        public virtual bool Contains(object obj) { throw null; }
        public virtual void CopyTo(Array array, int index) { throw null; }
        public virtual IEnumerator GetEnumerator() { throw null; }
        public virtual object Peek() { throw null; }
        public virtual object Pop() { throw null; }
        public virtual void Push(object obj) { throw null; }
        public virtual object[] ToArray() { throw null; }
    }
}
